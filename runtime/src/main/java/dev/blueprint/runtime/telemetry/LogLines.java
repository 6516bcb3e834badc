package dev.blueprint.runtime.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the log lines share, application logs and the access log alike: the timestamps and the JSON writer.
 *
 * <p>Part of the runtime's machinery; generated code does not call it.
 */
public final class LogLines {

    /** {@code 2026-01-31T12:00:00.000Z}: JSON lines, always UTC with milliseconds. */
    private static final DateTimeFormatter JSON_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** {@code 2026-01-31T12:00:00.000+0000}: text lines, in the machine's zone (as the runtime always wrote them). */
    private static final DateTimeFormatter TEXT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneId.systemDefault());

    private static final JsonFactory JSON = new JsonFactory();

    /** Writes one JSON object's fields. */
    @FunctionalInterface
    public interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private LogLines() {}

    /** The timestamp of a JSON line. */
    public static String jsonTime(long epochMillis) {
        return JSON_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** The timestamp of a text line. */
    public static String textTime(long epochMillis) {
        return TEXT_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** One JSON object on one line, ending with a newline; strings are escaped, so a line never breaks. */
    public static String json(Fields fields) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }
}
