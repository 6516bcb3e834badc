package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;
import java.util.List;

/**
 * {@code resource "/path" Entity requires role("a") { list public, get }}; {@code operations}
 * is empty when no list was written, which means all five. {@code access} is null when the
 * resource has no rule of its own.
 */
public record Resource(
        String path,
        Span pathSpan,
        Name entity,
        Access access,
        List<Operation> operations,
        boolean allOperations,
        Span span)
        implements ApiMember {
    public Resource {
        operations = List.copyOf(operations);
    }

    /** One listed operation and its own access rule (null when it follows the resource's). */
    public record Operation(Name name, Access access, Span span) implements Node {}
}
