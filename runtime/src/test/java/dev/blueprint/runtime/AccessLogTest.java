package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;

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
}
