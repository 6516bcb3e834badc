package dev.blueprint.lang.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The keys one settings block accepts, in documentation order. */
public final class BlockSchema {
    private final String name;
    private final String doc;
    private final Map<String, Key> keys = new LinkedHashMap<>();

    BlockSchema(String name, String doc) {
        this.name = name;
        this.doc = doc;
    }

    public String name() {
        return name;
    }

    public String doc() {
        return doc;
    }

    public Optional<Key> key(String key) {
        return Optional.ofNullable(keys.get(key));
    }

    public List<Key> keys() {
        return Collections.unmodifiableList(new ArrayList<>(keys.values()));
    }

    Key add(Key key) {
        keys.put(key.name(), key);
        return key;
    }
}
