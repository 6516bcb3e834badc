package dev.blueprint.lang.settings;

/**
 * A string setting that may come from the environment: {@code literal} when written as a
 * string, else {@code env} with an optional {@code fallback} used when the variable is unset.
 */
public record Configured(String literal, String env, String fallback) {
    public static Configured literal(String value) {
        return new Configured(value, null, null);
    }

    public static Configured env(String variable, String fallback) {
        return new Configured(null, variable, fallback);
    }

    public boolean fromEnv() {
        return env != null;
    }
}
