package dev.blueprint.runtime;

import java.util.List;

/**
 * One page of a list, as clients see it.
 *
 * @param items    the rows
 * @param limit    the page size that was applied
 * @param offset   rows skipped
 * @param hasMore  whether rows follow this page
 * @param <T>      the row type
 */
public record Slice<T>(List<T> items, int limit, int offset, boolean hasMore) {

    public Slice {
        items = List.copyOf(items);
    }
}
