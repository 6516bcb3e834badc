package dev.blueprint.lsp;

import dev.blueprint.lang.source.LineMap;
import dev.blueprint.lang.source.Span;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * The one place that converts between the core's offsets and LSP positions (0-based lines,
 * UTF-16 columns, which is how Java strings count, so the column is the offset within the line).
 */
public final class Positions {
    private final LineMap lines;
    private final String text;
    private final int length;

    public Positions(String text) {
        this(new LineMap(text), text);
    }

    /** With the line map the parse already made for {@code text}. */
    public Positions(LineMap lines, String text) {
        this.lines = lines;
        this.text = text;
        this.length = text.length();
    }

    public Position position(int offset) {
        int o = Math.max(0, Math.min(offset, length));
        return new Position(lines.line(o), lines.column(o));
    }

    public Range range(Span span) {
        return new Range(position(span.start()), position(span.end()));
    }

    /** The offset of a position, clamped into the text (a column past the line's end stops at its end). */
    public int offset(Position p) {
        if (p.getLine() < 0) {
            return 0;
        }
        if (p.getLine() >= lines.lineCount()) {
            return length;
        }
        int start = lines.lineStart(p.getLine());
        int end = lines.lineEnd(p.getLine(), text); // a column past the line's end means its end (LSP)
        return Math.min(start + Math.max(0, p.getCharacter()), end);
    }

    public Span span(Range r) {
        int a = offset(r.getStart());
        int b = offset(r.getEnd());
        return new Span(Math.min(a, b), Math.max(a, b));
    }

    public int line(int offset) {
        return lines.line(Math.max(0, Math.min(offset, length)));
    }

    public int column(int offset) {
        return lines.column(Math.max(0, Math.min(offset, length)));
    }

    public int lineStart(int line) {
        return lines.lineStart(line);
    }

    public int lineCount() {
        return lines.lineCount();
    }
}
