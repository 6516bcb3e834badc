package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;

/** {@code service Name { … }}. */
public record ServiceDecl(Name name, Block body, String doc, Span span) implements Decl {}
