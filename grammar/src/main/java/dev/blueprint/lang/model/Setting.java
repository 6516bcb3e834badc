package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;

/** {@code key value}. */
public record Setting(Name key, Value value, Span span) implements Node {}
