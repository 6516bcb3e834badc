package dev.blueprint.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The health probes.
 *
 * @param live     path of the liveness probe
 * @param ready    path of the readiness probe
 * @param startup  path of the startup probe
 * @param checks   the stores readiness checks; empty optional = every store
 * @param timeout  how long a store may take to answer before readiness fails
 */
public record ProbeConfig(String live, String ready, String startup, Optional<List<String>> checks, Duration timeout) {

    public ProbeConfig {
        checks = checks.map(List::copyOf);
        if (timeout.isNegative() || timeout.isZero())
            throw new IllegalArgumentException("probe timeout must be positive");
    }

    /** {@code /health/live}, {@code /health/ready}, {@code /health/startup}, every store, 2s. */
    public static ProbeConfig defaults() {
        return new ProbeConfig(
                "/health/live", "/health/ready", "/health/startup", Optional.empty(), Duration.ofSeconds(2));
    }

    public ProbeConfig live(String path) {
        return new ProbeConfig(path, ready, startup, checks, timeout);
    }

    public ProbeConfig ready(String path) {
        return new ProbeConfig(live, path, startup, checks, timeout);
    }

    public ProbeConfig startup(String path) {
        return new ProbeConfig(live, ready, path, checks, timeout);
    }

    /** The stores readiness checks, by name; none means readiness does not look at the database. */
    public ProbeConfig checks(String... storeNames) {
        return new ProbeConfig(live, ready, startup, Optional.of(List.of(storeNames)), timeout);
    }

    public ProbeConfig timeout(Duration value) {
        return new ProbeConfig(live, ready, startup, checks, value);
    }
}
