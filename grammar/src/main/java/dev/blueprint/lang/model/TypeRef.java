package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;
import java.util.List;

/** {@code string(40)}, {@code decimal(10, 2)}, {@code Customer}: a type name and its whole-number arguments. */
public record TypeRef(Name name, List<Integer> args, Span span) implements Node {
    public TypeRef {
        args = List.copyOf(args);
    }
}
