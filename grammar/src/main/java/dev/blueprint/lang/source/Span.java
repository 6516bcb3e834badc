package dev.blueprint.lang.source;

/** A range of characters in one source text: {@code start} inclusive, {@code end} exclusive. */
public record Span(int start, int end) {
    public static final Span EMPTY = new Span(0, 0);

    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public int length() {
        return end - start;
    }

    public boolean contains(int offset) {
        return offset >= start && offset < end;
    }

    /** True when {@code offset} lies inside or directly at either edge (where a cursor touches it). */
    public boolean touches(int offset) {
        return offset >= start && offset <= end;
    }

    public boolean covers(Span other) {
        return start <= other.start && other.end <= end;
    }

    public Span union(Span other) {
        return new Span(Math.min(start, other.start), Math.max(end, other.end));
    }
}
