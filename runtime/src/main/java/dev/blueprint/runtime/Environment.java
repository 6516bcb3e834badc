package dev.blueprint.runtime;

import java.util.Map;
import java.util.Optional;

/**
 * Where configuration overrides come from: the process environment in production, a map in tests and in
 * {@code blueprint run}. Values set here win over the values written in the blueprint.
 *
 * <p>Keys the runtime reads: {@code PORT}, {@code MANAGEMENT_PORT} (a listener of its own for the probes,
 * {@code /health} and {@code /metrics}; 0 picks a free port), {@code IO_THREADS}, {@code WORKER_THREADS}, {@code DATABASE_URL},
 * {@code DATABASE_USER}, {@code DATABASE_PASSWORD}, {@code DATABASE_POOL_MAX_SIZE}, {@code DATABASE_POOL_MIN_IDLE}
 * (for the default store; other stores use the same keys prefixed with the store's name in upper case, e.g.
 * {@code STOCK_DATABASE_URL}), {@code BLUEPRINT_EMBEDDED_DIR} (every store becomes an embedded H2 database
 * in that directory), {@code ACCESS_LOG} ({@code off} turns the access log off), {@code LOG_FORMAT}
 * ({@code text}, the default, or {@code json}: one JSON object per line, application logs and access log alike),
 * and the standard OpenTelemetry variables: tracing is on when {@code OTEL_EXPORTER_OTLP_ENDPOINT},
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} or {@code OTEL_TRACES_EXPORTER} is set (and
 * {@code OTEL_SDK_DISABLED} is not {@code true}); {@code OTEL_SERVICE_NAME}, {@code OTEL_RESOURCE_ATTRIBUTES},
 * {@code OTEL_TRACES_SAMPLER}, {@code OTEL_EXPORTER_OTLP_HEADERS} and the rest are read as the OpenTelemetry SDK
 * documents them (see {@link dev.blueprint.runtime.telemetry.Tracing}). Logging itself starts before a service
 * is built and reads {@code LOG_FORMAT} from the process environment; the service applies its own environment's
 * value when it is built.
 *
 * <p>Generated services also read their secrets here, through {@link #require}: API keys and a JWT public key
 * (PEM; escaped {@code \n} newlines are accepted) come from the variables their blueprint names with
 * {@code env(…)}, and a missing one stops the service at start with the variable's name. API keys are hashed as
 * soon as they are read; neither they nor any other credential is logged.
 */
@FunctionalInterface
public interface Environment {

    /** The value of {@code name}, or empty when unset or blank. */
    Optional<String> find(String name);

    /**
     * The value of {@code name}; IllegalStateException {@code "environment variable NAME is not set"} when it is
     * unset or blank. Generated services read their secrets (API keys, a JWT public key) this way.
     */
    default String require(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("environment variable " + name + " is not set"));
    }

    /** The value of {@code name}, or {@code fallback} when unset. */
    default String get(String name, String fallback) {
        return find(name).orElse(fallback);
    }

    /** The process environment. */
    static Environment system() {
        return of(System.getenv());
    }

    /** A fixed set of values, e.g. for tests. */
    static Environment of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return name -> Optional.ofNullable(copy.get(name)).filter(v -> !v.isBlank());
    }

    /** This environment, with {@code overrides} taking precedence. */
    default Environment with(Map<String, String> overrides) {
        Environment over = of(overrides);
        return name -> over.find(name).or(() -> find(name));
    }

    /** An integer value, failing with a clear message when it is not one. */
    default Optional<Integer> findInt(String name) {
        return find(name).map(value -> {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "environment variable " + name + " must be an integer, got '" + value + "'");
            }
        });
    }
}
