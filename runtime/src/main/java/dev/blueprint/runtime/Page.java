package dev.blueprint.runtime;

/**
 * Which slice of a list a client asked for: {@code ?limit=&offset=}.
 *
 * @param limit   rows in the page
 * @param offset  rows skipped
 * @param total   the most rows the whole query may return ({@code limit n} in a route), or
 *                {@link Integer#MAX_VALUE}
 */
public record Page(int limit, int offset, int total) {

    public Page {
        if (limit < 0 || offset < 0 || total < 0)
            throw new IllegalArgumentException("limit, offset and total must not be negative");
    }

    public Page(int limit, int offset) {
        this(limit, offset, Integer.MAX_VALUE);
    }

    /** This page within a query that returns at most {@code max} rows: no row past {@code max} is returned. */
    public Page within(int max) {
        int capped = Math.min(total, max);
        return new Page(Math.max(0, Math.min(limit, capped - offset)), offset, capped);
    }

    /** Whether rows may follow this page at all. */
    boolean mayContinue() {
        return (long) offset + limit < total;
    }
}
