package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The access log writes one line per request, in order, and everything queued before it closes. */
class AccessLogTest {

    @Test
    void linesAreWrittenInOrderAndFlushedOnClose() {
        StringWriter out = new StringWriter();
        AccessLog log = new AccessLog(out, false);
        for (int i = 0; i < 1000; i++) {
            log.log(new AccessLog.Entry(0, "GET", "/things/" + i, 200, 12, 1_234_567, "id-" + i, null));
        }
        log.close();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(1000);
        assertThat(lines[0]).isEqualTo("1970-01-01T00:00:00Z access GET /things/0 200 12B 1.2ms id=id-0");
        assertThat(lines[999]).endsWith("id=id-999");
        assertThat(log.dropped()).isZero();
    }

    @Test
    void textLinesNameTheTraceWhenThereIsOne() {
        StringWriter out = new StringWriter();
        AccessLog log = new AccessLog(out, false);
        log.log(new AccessLog.Entry(0, "GET", "/a", 200, 1, 1_000_000, "r1", "4bf92f3577b34da6a3ce929d0e0e4736"));
        log.close();
        assertThat(out.toString())
                .isEqualTo(
                        "1970-01-01T00:00:00Z access GET /a 200 1B 1.0ms id=r1 trace=4bf92f3577b34da6a3ce929d0e0e4736\n");
    }

    @Test
    void aPathCannotForgeATextLine() {
        StringWriter out = new StringWriter();
        AccessLog log = new AccessLog(out, false);
        log.log(new AccessLog.Entry(
                0, "GET", "/a\n1970-01-01T00:00:00Z access GET /admin 200 1B 0.1ms\r\u0085\\n", 404, 1, 0, "r1", null));
        log.close();
        assertThat(out.toString())
                .isEqualTo("1970-01-01T00:00:00Z access GET /a\\n1970-01-01T00:00:00Z access GET /admin 200 1B 0.1ms"
                        + "\\r\\u0085\\\\n 404 1B 0.0ms id=r1\n");
    }

    @Test
    void jsonLinesAreOneObjectEachWithTheIds() throws Exception {
        StringWriter out = new StringWriter();
        AccessLog log = new AccessLog(out, true);
        log.log(new AccessLog.Entry(
                1_700_000_000_123L, "POST", "/a\"b\nc", 201, 84, 12_345_678, "r1", "4bf92f3577b34da6a3ce929d0e0e4736"));
        log.log(new AccessLog.Entry(0, "GET", "/b", 404, 0, 0, "r2", null));
        log.close();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = Json.mapper().readTree(lines[0]);
        assertThat(first.get("timestamp").asText()).isEqualTo("2023-11-14T22:13:20.123Z");
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("logger").asText()).isEqualTo("access");
        assertThat(first.get("path").asText()).isEqualTo("/a\"b\nc");
        assertThat(first.get("status").asInt()).isEqualTo(201);
        assertThat(first.get("bytes").asLong()).isEqualTo(84);
        assertThat(first.get("durationMs").asDouble()).isEqualTo(12.3);
        assertThat(first.get("requestId").asText()).isEqualTo("r1");
        assertThat(first.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        JsonNode second = Json.mapper().readTree(lines[1]);
        assertThat(second.has("traceId")).isFalse();
        assertThat(second.get("timestamp").asText()).isEqualTo("1970-01-01T00:00:00.000Z");
    }
}
