package dev.blueprint.lang.settings;

import java.util.Optional;

/**
 * A string setting that may come from the environment: {@code literal} when written as a
 * string, else {@code env} with an optional {@code fallback} used when the variable is unset.
 */
public record Configured(Optional<String> literal, Optional<String> env, Optional<String> fallback) {
    public Configured {
        if (literal.isPresent() == env.isPresent()) {
            throw new IllegalArgumentException("a setting is either literal or from the environment");
        }
        if (literal.isPresent() && fallback.isPresent()) {
            throw new IllegalArgumentException("only a setting from the environment has a fallback");
        }
    }

    public static Configured literal(String value) {
        return new Configured(Optional.of(value), Optional.empty(), Optional.empty());
    }

    public static Configured env(String variable, Optional<String> fallback) {
        return new Configured(Optional.empty(), Optional.of(variable), fallback);
    }

    public boolean fromEnv() {
        return env.isPresent();
    }

    /** The value written in the file: the literal, or the fallback of an {@code env(…)}; empty when neither. */
    public Optional<String> written() {
        return fromEnv() ? fallback : literal;
    }
}
