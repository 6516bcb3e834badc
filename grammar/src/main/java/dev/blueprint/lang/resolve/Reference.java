package dev.blueprint.lang.resolve;

import dev.blueprint.lang.source.Span;
import java.nio.file.Path;

/** A place in a file whose text names {@code target}. */
public record Reference(Path file, Span span, Symbol target) {}
