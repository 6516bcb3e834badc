package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;

/** A comment as written ({@code //}, {@code ///} or {@code /* *}{@code /}); kept for the formatter. */
public record Comment(String text, Span span) {
    public boolean isBlock() {
        return text.startsWith("/*");
    }
}
