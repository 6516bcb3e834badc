package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;
import java.util.List;

/** {@code @unique}, {@code @range(1..5)}, {@code @pattern("…")}. */
public record Attribute(Name name, List<Value> args, Span span) implements Node {
    public Attribute {
        args = List.copyOf(args);
    }
}
