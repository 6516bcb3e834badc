package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blueprint.runtime.telemetry.Logging;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log lines: text or JSON objects, with the request and trace ids of the request that wrote them. */
class LogFormatTest {

    @TempDir
    Path data;

    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    /** What a service wrote on standard output and standard error, and the responses it gave. */
    private record Run(String out, String err, Http.Response list, Http.Response boom) {
        List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (String stream : List.of(out, err)) {
                for (String line : stream.split("\n")) if (!line.isBlank()) lines.add(line);
            }
            return lines;
        }
    }

    @AfterEach
    void backToText() {
        Logging.configure(Environment.of(Map.of()));
        openTelemetry.close();
    }

    @Test
    void withLogFormatJsonEveryLineIsAJsonObjectCarryingTheIds() throws IOException {
        Run run = runService(Map.of("LOG_FORMAT", "json"));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.lines()) {
            JsonNode node = Json.mapper().readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            assertThat(node.get("timestamp").asText())
                    .as(line)
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(node.has("level") && node.has("logger") && node.has("message"))
                    .as(line)
                    .isTrue();
            lines.add(node);
        }
        assertThat(lines).anyMatch(node -> node.get("message").asText().contains("ready on"));

        String boomRequest = run.boom().header("X-Request-Id");
        String boomTrace = run.boom().header("X-Trace-Id");
        assertThat(boomTrace).matches("[0-9a-f]{32}");
        JsonNode failure = lines.stream()
                .filter(node -> node.get("level").asText().equals("ERROR"))
                .findFirst()
                .orElseThrow();
        assertThat(failure.get("logger").asText()).isEqualTo("dev.blueprint.runtime.Service");
        assertThat(failure.get("requestId").asText()).isEqualTo(boomRequest);
        assertThat(failure.get("traceId").asText()).isEqualTo(boomTrace);
        assertThat(failure.get("exception").asText())
                .startsWith("java.lang.IllegalStateException: secret internal detail")
                .contains("\tat dev.blueprint.runtime.PetShop");

        JsonNode access = lines.stream()
                .filter(node -> node.get("logger").asText().equals("access")
                        && node.get("path").asText().equals("/boom"))
                .findFirst()
                .orElseThrow();
        assertThat(access.get("status").asInt()).isEqualTo(500);
        assertThat(access.get("method").asText()).isEqualTo("GET");
        assertThat(access.get("requestId").asText()).isEqualTo(boomRequest);
        assertThat(access.get("traceId").asText()).isEqualTo(boomTrace);
        JsonNode listed = lines.stream()
                .filter(node -> node.get("logger").asText().equals("access")
                        && node.get("path").asText().equals("/owners"))
                .findFirst()
                .orElseThrow();
        assertThat(listed.get("requestId").asText()).isEqualTo(run.list().header("X-Request-Id"));
        assertThat(listed.get("traceId").asText()).isEqualTo(run.list().header("X-Trace-Id"));
    }

    @Test
    void textLinesCarryTheIdsToo() {
        Run run = runService(Map.of());
        String boomRequest = run.boom().header("X-Request-Id");
        String boomTrace = run.boom().header("X-Trace-Id");
        assertThat(run.err())
                .contains("ERROR dev.blueprint.runtime.Service - request GET /boom failed")
                .contains("requestId=" + boomRequest + " traceId=" + boomTrace + "\n"
                        + "java.lang.IllegalStateException: secret internal detail");
        assertThat(run.out()).contains("access GET /boom 500 ").contains("id=" + boomRequest + " trace=" + boomTrace);
        assertThat(run.lines()).noneMatch(line -> line.startsWith("{"));
        assertThat(run.lines()).noneMatch(line -> line.startsWith("FORGED"));
        assertThat(run.out()).contains("access GET /owners/by-email/x\\nFORGED access GET /admin 200 404 ");
        assertThat(run.err())
                .containsPattern(
                        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4} \\[main\\] INFO dev.blueprint.runtime.Service - PetShop 1.2.3 ready on");
    }

    @Test
    void anUnknownLogFormatIsRefused() {
        assertThatThrownBy(() -> PetShop.builder(StoreConfig.h2("main", data), Map.of("LOG_FORMAT", "xml"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LOG_FORMAT must be text or json, got 'xml'");
    }

    private Run runService(Map<String, String> extra) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Http.Response list;
        Http.Response boom;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Map<String, String> env = new HashMap<>(extra);
            env.put("HOST", "127.0.0.1");
            try (RunningService running = PetShop.start(
                    PetShop.builder(StoreConfig.h2("main", data), env).openTelemetry(openTelemetry))) {
                Http http = new Http(running.uri());
                list = http.get("/owners");
                // an encoded newline in a path parameter, that would start a forged line
                assertThat(http.get("/owners/by-email/x%0aFORGED%20access%20GET%20/admin%20200")
                                .status())
                        .isEqualTo(404);
                boom = http.get("/boom");
                assertThat(list.status()).isEqualTo(200);
                assertThat(boom.status()).isEqualTo(500);
            }
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), list, boom);
    }
}
