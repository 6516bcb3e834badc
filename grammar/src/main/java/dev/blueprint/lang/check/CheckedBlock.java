package dev.blueprint.lang.check;

import dev.blueprint.lang.model.Setting;
import dev.blueprint.lang.settings.Key;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A settings block after checking: the valid values by key, typed (Long for whole numbers,
 * sizes, CPU and percentages; Duration; String; Configured for env-able strings; List of
 * store names or of strings; Boolean; long[2] for ranges; {@link #OFF}; a nested CheckedBlock;
 * {@link SettingsChecker.Entries} for a map of named blocks), and the setting each
 * came from. Invalid or missing values are absent (and were reported).
 */
public final class CheckedBlock {
    /** The value of a key written as {@code off}. */
    public static final Object OFF = new Object() {
        @Override
        public String toString() {
            return "off";
        }
    };

    public static final CheckedBlock EMPTY = new CheckedBlock();

    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, Setting> written = new HashMap<>();

    void put(Key key, Setting setting, Object value) {
        written.put(key.name(), setting);
        if (value != null) {
            values.put(key.name(), value);
        }
    }

    public Optional<Object> value(Key key) {
        return Optional.ofNullable(values.get(key.name()));
    }

    public <T> Optional<T> value(Key key, Class<T> type) {
        Object v = values.get(key.name());
        return type.isInstance(v) ? Optional.of(type.cast(v)) : Optional.empty();
    }

    /** The setting as written, whether or not its value was valid. */
    public Optional<Setting> setting(Key key) {
        return Optional.ofNullable(written.get(key.name()));
    }

    public boolean isWritten(Key key) {
        return written.containsKey(key.name());
    }

    public CheckedBlock nested(Key key) {
        return value(key, CheckedBlock.class).orElse(EMPTY);
    }
}
