package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;

/** An identifier as written, with where it stands. Empty text marks a name the parser had to invent. */
public record Name(String text, Span span) {
    public boolean isMissing() {
        return text.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
