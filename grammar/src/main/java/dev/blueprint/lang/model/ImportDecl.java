package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;

/** {@code import "common.blueprint"}: {@code target} is the unescaped path, relative to the importing file. */
public record ImportDecl(String target, Span targetSpan, Span span) implements Decl {}
