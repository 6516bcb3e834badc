package dev.blueprint.lang.source;

import java.util.Arrays;

/**
 * Converts offsets to 0-based lines and columns (in UTF-16 code units, as Java strings and
 * LSP count them) and back. The only place in the core that knows about lines.
 */
public final class LineMap {
    private final int[] lineStarts;
    private final int length;

    public LineMap(CharSequence text) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
        this.length = text.length();
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** The 0-based line holding {@code offset}. */
    public int line(int offset) {
        int clamped = Math.max(0, Math.min(offset, length));
        int i = Arrays.binarySearch(lineStarts, clamped);
        return i >= 0 ? i : -i - 2;
    }

    /** The 0-based column of {@code offset} on its line, in UTF-16 code units. */
    public int column(int offset) {
        int clamped = Math.max(0, Math.min(offset, length));
        return clamped - lineStarts[line(clamped)];
    }

    public int lineStart(int line) {
        return lineStarts[Math.max(0, Math.min(line, lineStarts.length - 1))];
    }

    /** The offset just past the last character of {@code line}, before its line break. */
    public int lineEnd(int line, CharSequence text) {
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] : length;
        while (end > lineStart(line) && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    /** The offset of a 0-based line and column, clamped into the text. */
    public int offset(int line, int column) {
        if (line >= lineStarts.length) {
            return length;
        }
        int start = lineStarts[Math.max(0, line)];
        int next = line + 1 < lineStarts.length ? lineStarts[line + 1] : length;
        return Math.min(start + Math.max(0, column), next);
    }
}
