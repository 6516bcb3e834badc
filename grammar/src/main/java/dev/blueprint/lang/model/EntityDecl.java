package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;
import java.util.List;
import java.util.Optional;

/** {@code entity Name { field… }}. */
public record EntityDecl(Name name, List<Field> fields, String doc, Span span) implements Decl {
    public EntityDecl {
        fields = List.copyOf(fields);
    }

    public Optional<Field> field(String fieldName) {
        return fields.stream().filter(f -> f.name().text().equals(fieldName)).findFirst();
    }

    /** The first field marked {@code @key}, if any. */
    public Optional<Field> key() {
        return fields.stream().filter(f -> f.attribute("key").isPresent()).findFirst();
    }
}
