package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.blueprint.runtime.telemetry.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tracing from the OTEL_* environment: off unless asked for, and exporting over OTLP/HTTP when it is. */
class TracingConfigurationTest {

    @TempDir
    Path data;

    /** One request an OTLP receiver got. */
    private record Received(String method, String path, String contentType, byte[] body) {
        boolean contains(String text) {
            return new String(body, StandardCharsets.ISO_8859_1).contains(text);
        }
    }

    @Test
    void withoutOtelVariablesTracingIsOff() {
        assertThat(Tracing.fromEnvironment(Environment.of(Map.of()), "shop", "1"))
                .isSameAs(OpenTelemetry.noop());
        assertThat(Tracing.fromEnvironment(Environment.of(Map.of("OTEL_SERVICE_NAME", "shop")), "shop", "1"))
                .isSameAs(OpenTelemetry.noop());
        assertThat(Tracing.fromEnvironment(
                        Environment.of(Map.of(
                                "OTEL_SDK_DISABLED", "true", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")),
                        "shop",
                        "1"))
                .isSameAs(OpenTelemetry.noop());
        for (String name :
                List.of("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_TRACES_EXPORTER")) {
            assertThat(Tracing.enabled(Environment.of(
                            Map.of(name, name.equals("OTEL_TRACES_EXPORTER") ? "otlp" : "http://127.0.0.1:4318"))))
                    .as(name)
                    .isTrue();
        }
    }

    @Test
    void aServiceWithoutOtelVariablesAddsNoTraceIds() {
        try (RunningService running =
                PetShop.start(PetShop.builder(StoreConfig.h2("main", data), Map.of("HOST", "127.0.0.1")))) {
            Http http = new Http(running.uri());
            Http.Response list = http.get("/owners");
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.header("X-Trace-Id")).isNull();
            Http.Response missing = http.get("/nowhere");
            assertThat(missing.json().has("requestId")).isTrue();
            assertThat(missing.json().has("traceId")).isFalse();
            assertThat(missing.header("X-Trace-Id")).isNull();
        }
    }

    @Test
    void grpcIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> Tracing.fromEnvironment(
                        Environment.of(Map.of(
                                "OTEL_EXPORTER_OTLP_ENDPOINT",
                                "http://127.0.0.1:4317",
                                "OTEL_EXPORTER_OTLP_PROTOCOL",
                                "grpc")),
                        "shop",
                        "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grpc")
                .hasMessageContaining("HTTP");
        assertThatThrownBy(() -> Tracing.fromEnvironment(
                        Environment.of(Map.of("OTEL_TRACES_EXPORTER", "carrier-pigeon")), "shop", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OTEL_");
    }

    @Test
    void theOtelVariablesExportSpansOverOtlpHttpAndTheStopFlushesThem() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                in.transferTo(body);
                received.add(new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        body.toByteArray()));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            Map<String, String> env = Map.of(
                    "HOST",
                    "127.0.0.1",
                    "OTEL_EXPORTER_OTLP_ENDPOINT",
                    "http://127.0.0.1:" + collector.getAddress().getPort(),
                    // long enough that only the stop's flush sends the spans
                    "OTEL_BSP_SCHEDULE_DELAY",
                    "60000");
            Service service = PetShop.builder(StoreConfig.h2("main", data), env).build();
            service.register(new PetShop.OwnerApi(service.database()));
            Http.Response response;
            try (RunningService running = service.start()) {
                response = new Http(running.uri()).get("/owners");
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("X-Trace-Id")).matches("[0-9a-f]{32}");
            }
            assertThat(received).as("spans sent when the service stopped").isNotEmpty();
            Received export = received.get(0);
            assertThat(export.method()).isEqualTo("POST");
            assertThat(export.path()).isEqualTo("/v1/traces");
            assertThat(export.contentType()).isEqualTo("application/x-protobuf");
            // protobuf keeps strings as they are: the span names, the service's name, the trace id's bytes
            assertThat(received).anyMatch(r -> r.contains("GET /owners"));
            assertThat(received).anyMatch(r -> r.contains("SELECT owner"));
            assertThat(received).anyMatch(r -> r.contains("PetShop"));
            assertThat(received)
                    .allMatch(r -> !r.path().equals("/v1/metrics") && !r.path().equals("/v1/logs"));
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void theBuilderHookIsUsedAsGivenAndLeftOpen() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .build();
        try (RunningService running =
                PetShop.start(PetShop.builder(StoreConfig.h2("main", data), Map.of("HOST", "127.0.0.1"))
                        .openTelemetry(sdk))) {
            assertThat(new Http(running.uri()).get("/owners").header("X-Trace-Id"))
                    .matches("[0-9a-f]{32}");
        }
        // the caller's SDK still records after the service stopped: the service did not shut it down
        exporter.reset();
        sdk.getTracer("test").spanBuilder("after").startSpan().end();
        assertThat(exporter.getFinishedSpanItems())
                .extracting(span -> span.getName())
                .containsExactly("after");
        sdk.close();
    }
}
