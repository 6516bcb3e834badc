package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;
import java.util.List;
import java.util.Optional;

/** {@code { key value … }}. */
public record Block(List<Setting> settings, Span span) implements Node {
    public Block {
        settings = List.copyOf(settings);
    }

    /** The first setting with this key (later duplicates are errors). */
    public Optional<Setting> find(String key) {
        return settings.stream().filter(s -> s.key().text().equals(key)).findFirst();
    }
}
