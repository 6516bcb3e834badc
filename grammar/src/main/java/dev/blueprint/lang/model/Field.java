package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;
import java.util.List;
import java.util.Optional;

/** {@code name: type? @attr… = default}; {@code defaultValue} is null when there is none. */
public record Field(
        Name name,
        TypeRef type,
        boolean optional,
        List<Attribute> attributes,
        Value defaultValue,
        String doc,
        Span span)
        implements Node {
    public Field {
        attributes = List.copyOf(attributes);
    }

    public Optional<Attribute> attribute(String attributeName) {
        return attributes.stream()
                .filter(a -> a.name().text().equals(attributeName))
                .findFirst();
    }
}
