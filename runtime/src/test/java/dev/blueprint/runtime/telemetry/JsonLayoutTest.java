package dev.blueprint.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A log event as one JSON line: every field escaped, the stack trace one string. */
class JsonLayoutTest {

    @Test
    void anEventIsOneLineWithItsIdsAndItsException() throws Exception {
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger("dev.blueprint.Example");
        LoggingEvent event = new LoggingEvent(
                "test", logger, Level.WARN, "a \"quoted\"\nmessage {}", new IllegalStateException("bad"), new Object[] {
                    "arg"
                });
        event.setTimeStamp(1_700_000_000_123L);
        event.setMDCPropertyMap(
                Map.of(RequestTelemetry.REQUEST_ID, "r1", RequestTelemetry.TRACE_ID, "t1", "other", "x"));
        JsonLayout layout = new JsonLayout();
        layout.setContext(context);
        layout.start();
        String line = layout.doLayout(event);
        assertThat(line).endsWith("\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
        JsonNode node = new ObjectMapper().readTree(line);
        assertThat(node.get("timestamp").asText()).isEqualTo("2023-11-14T22:13:20.123Z");
        assertThat(node.get("level").asText()).isEqualTo("WARN");
        assertThat(node.get("logger").asText()).isEqualTo("dev.blueprint.Example");
        assertThat(node.get("message").asText()).isEqualTo("a \"quoted\"\nmessage arg");
        assertThat(node.get("requestId").asText()).isEqualTo("r1");
        assertThat(node.get("traceId").asText()).isEqualTo("t1");
        assertThat(node.has("other")).isFalse();
        assertThat(node.get("exception").asText())
                .startsWith("java.lang.IllegalStateException: bad")
                .contains("\tat ")
                .doesNotEndWith("\n");
    }
}
