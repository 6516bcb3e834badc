package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;

/** {@code store name { … }}. */
public record StoreDecl(Name name, Block body, String doc, Span span) implements Decl {}
