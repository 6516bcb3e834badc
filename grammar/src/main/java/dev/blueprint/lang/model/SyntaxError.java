package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;

/** A lexical or syntax error found while parsing. */
public record SyntaxError(String message, Span span) {}
