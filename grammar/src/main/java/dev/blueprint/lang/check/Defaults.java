package dev.blueprint.lang.check;

import dev.blueprint.lang.model.SettingsDecl;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.model.Value;
import dev.blueprint.lang.settings.Key;
import dev.blueprint.lang.syntax.Parsing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The typed default of a key, read from the schema's default text by the same parser and
 * converter as a written value, so the table's text is the one source of each default. A
 * default that is not a value ("the machine's cores", "all stores") is derived by the
 * {@link ConfigBuilder} and has none here. Public so that what else restates a default (the
 * generator's omissions, the runtime's config records, tied by a test) can compare with this one.
 */
public final class Defaults {
    private static final Map<Key, Optional<Object>> CACHE = new ConcurrentHashMap<>();
    private static final Path NOWHERE = Path.of("<default>");

    private Defaults() {}

    /**
     * The default of {@code key} as the checker converts a written value (Long, Duration, String,
     * Boolean, a List of strings, {@link CheckedBlock#OFF}), or empty when it is not a value.
     */
    public static Optional<Object> of(Key key) {
        return CACHE.computeIfAbsent(key, Defaults::parse);
    }

    /** The default of {@code key} as a {@code type}; fails when the schema gives it no such default. */
    @SuppressWarnings("unchecked")
    public static <T> T of(Key key, Class<T> type) {
        return of(key).filter(type::isInstance)
                .map(v -> (T) v)
                .orElseThrow(() -> new IllegalStateException(
                        "the schema gives '" + key.name() + "' no default of " + type.getSimpleName()));
    }

    private static Optional<Object> parse(Key key) {
        SourceFile f = Parsing.parse(NOWHERE, "server { x " + key.defaultText() + " }");
        if (!f.syntaxErrors().isEmpty()
                || f.decls().size() != 1
                || !(f.decls().get(0) instanceof SettingsDecl s)
                || s.body().settings().size() != 1) {
            return Optional.empty();
        }
        Value v = s.body().settings().get(0).value();
        List<Diagnostic> problems = new ArrayList<>();
        Object converted = new SettingsChecker(problems).convert(NOWHERE, key, v);
        return problems.isEmpty() ? Optional.ofNullable(converted) : Optional.empty();
    }
}
