package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;
import java.util.List;

/**
 * {@code resource "/path" Entity { list, get }}; {@code operations} is empty when no list was
 * written, which means all five.
 */
public record Resource(String path, Span pathSpan, Name entity, List<Name> operations, boolean allOperations, Span span)
    implements ApiMember {
  public Resource {
    operations = List.copyOf(operations);
  }
}
