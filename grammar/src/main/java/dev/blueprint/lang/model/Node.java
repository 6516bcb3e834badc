package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;

/** Every model node knows the span of source it was built from. */
public interface Node {
    Span span();
}
