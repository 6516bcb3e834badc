package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Spans for requests and database calls, recorded by the SDK's in-memory exporter. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracingTest {

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("blueprint.request_id");
    private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
    private static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");
    private static final AttributeKey<String> DB_QUERY = AttributeKey.stringKey("db.query.text");
    private static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
    private static final AttributeKey<String> DB_COLLECTION = AttributeKey.stringKey("db.collection.name");

    @TempDir
    static Path data;

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private OpenTelemetrySdk openTelemetry;
    private RunningService running;
    private Http http;

    @BeforeAll
    void start() {
        openTelemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        running = PetShop.start(PetShop.builder(StoreConfig.h2("main", data), Map.of("HOST", "127.0.0.1"))
                .openTelemetry(openTelemetry));
        http = new Http(running.uri());
    }

    @AfterAll
    void stop() {
        running.stop();
        openTelemetry.close();
    }

    @BeforeEach
    void forgetEarlierSpans() {
        exporter.reset();
    }

    @Test
    void aDataRequestIsOneServerSpanWithTheDatabaseCallsAsItsChildren() {
        String ownerId = http.post("/owners", "{\"email\":\"ann@example.com\",\"name\":\"Ann\"}")
                .json()
                .get("id")
                .asText();
        awaitServerSpan("/owners");
        exporter.reset();

        Http.Response response = http.send("GET", "/owners/" + ownerId, null, "X-Request-Id", "trace-test-1");
        assertThat(response.status()).isEqualTo(200);
        SpanData server = awaitServerSpan("/owners/" + ownerId);

        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans.stream().filter(span -> span.getKind() == SpanKind.SERVER))
                .hasSize(1);
        assertThat(server.getName()).isEqualTo("GET /owners/{id}");
        assertThat(server.getAttributes().get(METHOD)).isEqualTo("GET");
        assertThat(server.getAttributes().get(URL_PATH)).isEqualTo("/owners/" + ownerId);
        assertThat(server.getAttributes().get(ROUTE)).isEqualTo("/owners/{id}");
        assertThat(server.getAttributes().get(STATUS)).isEqualTo(200L);
        assertThat(server.getAttributes().get(REQUEST_ID)).isEqualTo("trace-test-1");
        assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(server.getParentSpanContext().isValid()).as("a new trace").isFalse();
        assertThat(response.header("X-Trace-Id")).isEqualTo(server.getTraceId());

        List<SpanData> database =
                spans.stream().filter(span -> span.getKind() == SpanKind.CLIENT).toList();
        assertThat(database).isNotEmpty();
        for (SpanData call : database) {
            assertThat(call.getTraceId()).isEqualTo(server.getTraceId());
            assertThat(call.getParentSpanId()).isEqualTo(server.getSpanId());
            assertThat(call.getName()).isEqualTo("SELECT owner");
            assertThat(call.getAttributes().get(DB_SYSTEM)).isEqualTo("h2");
            assertThat(call.getAttributes().get(DB_OPERATION)).isEqualTo("SELECT");
            assertThat(call.getAttributes().get(DB_NAMESPACE)).isEqualTo("main");
            assertThat(call.getAttributes().get(DB_COLLECTION)).isEqualTo("owner");
            assertThat(call.getAttributes().get(DB_QUERY))
                    .isEqualTo("SELECT \"id\", \"email\", \"name\" FROM \"owner\" WHERE \"id\" = ?")
                    .doesNotContain(ownerId);
        }
    }

    @Test
    void writesAreTracedWithTheirOperationAndNeverTheirValues() {
        http.post("/owners", "{\"email\":\"bob@example.com\",\"name\":\"Bob Secretname\"}");
        SpanData server = awaitServerSpan("/owners");
        assertThat(server.getName()).isEqualTo("POST /owners");
        assertThat(server.getAttributes().get(STATUS)).isEqualTo(201L);
        SpanData insert = exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.CLIENT)
                .findFirst()
                .orElseThrow();
        assertThat(insert.getName()).isEqualTo("INSERT owner");
        assertThat(insert.getAttributes().get(DB_OPERATION)).isEqualTo("INSERT");
        assertThat(insert.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(insert.getAttributes().asMap().values())
                .noneMatch(value -> value.toString().contains("Secretname"));
    }

    @Test
    void statementsInATransactionAreChildrenOfTheRequestSpan() {
        assertThat(http.get("/hold?ms=1").status()).isEqualTo(200);
        SpanData server = awaitServerSpan("/hold");
        assertThat(server.getName()).isEqualTo("GET /hold");
        SpanData statement = exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.CLIENT)
                .findFirst()
                .orElseThrow();
        assertThat(statement.getName()).isEqualTo("SELECT main");
        assertThat(statement.getAttributes().get(DB_QUERY)).isEqualTo("SELECT 1");
        assertThat(statement.getParentSpanId()).isEqualTo(server.getSpanId());
    }

    @Test
    void anIncomingTraceparentIsContinued() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentId = "00f067aa0ba902b7";
        Http.Response response =
                http.send("GET", "/owners", null, "traceparent", "00-" + traceId + "-" + parentId + "-01");
        assertThat(response.status()).isEqualTo(200);
        SpanData server = awaitServerSpan("/owners");
        assertThat(server.getTraceId()).isEqualTo(traceId);
        assertThat(server.getParentSpanId()).isEqualTo(parentId);
        assertThat(server.getParentSpanContext().isRemote()).isTrue();
        assertThat(response.header("X-Trace-Id")).isEqualTo(traceId);
        assertThat(exporter.getFinishedSpanItems().stream().filter(span -> span.getKind() == SpanKind.CLIENT))
                .allSatisfy(call -> assertThat(call.getTraceId()).isEqualTo(traceId));
    }

    @Test
    void problemsCarryTheTraceIdBesideTheRequestId() {
        Http.Response missing = http.get("/owners/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        SpanData server = awaitServerSpan(missing.json().get("instance").asText());
        JsonNode problem = missing.json();
        assertThat(problem.get("traceId").asText())
                .isEqualTo(server.getTraceId())
                .isEqualTo(missing.header("X-Trace-Id"));
        assertThat(problem.get("requestId").asText()).isEqualTo(missing.header("X-Request-Id"));
        assertThat(server.getStatus().getStatusCode())
                .as("a 4xx is not a server error")
                .isEqualTo(StatusCode.UNSET);

        Http.Response unknown = http.get("/nowhere");
        SpanData unmatched = awaitServerSpan("/nowhere");
        assertThat(unknown.json().get("traceId").asText()).isEqualTo(unmatched.getTraceId());
        assertThat(unmatched.getName()).isEqualTo("GET");
        assertThat(unmatched.getAttributes().get(ROUTE)).isNull();
    }

    @Test
    void aServerErrorMarksTheSpanWithoutItsMessage() {
        Http.Response boom = http.get("/boom");
        assertThat(boom.status()).isEqualTo(500);
        SpanData server = awaitServerSpan("/boom");
        assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(server.getAttributes().get(ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException");
        assertThat(server.getAttributes().get(STATUS)).isEqualTo(500L);
        assertThat(server.getAttributes().asMap().values())
                .noneMatch(value -> value.toString().contains("secret"));
        assertThat(server.getEvents()).isEmpty();
        assertThat(boom.json().get("traceId").asText()).isEqualTo(server.getTraceId());
    }

    @Test
    void probesHealthAndMetricsAreNotTraced() {
        for (String path : List.of("/health/live", "/health/ready", "/health/startup", "/health", "/metrics")) {
            Http.Response response = http.get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.header("X-Trace-Id")).as(path).isNull();
        }
        http.get("/owners"); // traced, and completes after the probes
        awaitServerSpan("/owners");
        assertThat(exporter.getFinishedSpanItems())
                .extracting(span -> span.getAttributes().get(URL_PATH))
                .containsOnly("/owners", null);
        assertThat(exporter.getFinishedSpanItems().stream().filter(span -> span.getKind() == SpanKind.SERVER))
                .hasSize(1);
    }

    /** Waits for the SERVER span of a request to {@code path}: it ends when the exchange completes, after the reply. */
    private SpanData awaitServerSpan(String path) {
        Predicate<SpanData> wanted = span -> span.getKind() == SpanKind.SERVER
                && path.equals(span.getAttributes().get(URL_PATH));
        return Await.until(
                        "a server span for " + path,
                        () -> exporter.getFinishedSpanItems().stream()
                                .filter(wanted)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}
