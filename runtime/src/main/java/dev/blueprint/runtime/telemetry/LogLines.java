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

    /**
     * Appends {@code text} to {@code line} so that it cannot break the line or forge another: a control character
     * (C0, DEL, C1, and the Unicode line and paragraph separators) is written as {@code \\n}, {@code \\r},
     * {@code \\t} or {@code \\uXXXX}, and a backslash as two, so that the escapes are unambiguous.
     */
    public static StringBuilder appendEscaped(StringBuilder line, CharSequence text) {
        int n = text.length();
        int clean = 0;
        while (clean < n && !needsEscape(text.charAt(clean))) clean++;
        if (clean == n) return line.append(text);
        line.append(text, 0, clean);
        for (int i = clean; i < n; i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                line.append(c);
            } else if (c == '\\') {
                line.append("\\\\");
            } else if (c == '\n') {
                line.append("\\n");
            } else if (c == '\r') {
                line.append("\\r");
            } else if (c == '\t') {
                line.append("\\t");
            } else {
                line.append("\\u")
                        .append(HEX[c >> 12 & 0xf])
                        .append(HEX[c >> 8 & 0xf])
                        .append(HEX[c >> 4 & 0xf])
                        .append(HEX[c & 0xf]);
            }
        }
        return line;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '\\' || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
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
