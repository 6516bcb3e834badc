package dev.blueprint.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * A HikariCP connection pool's settings.
 *
 * @param minIdle         idle connections kept ready ({@code maxSize} by default: a fixed-size pool)
 * @param maxSize         the most connections the pool opens
 * @param connectTimeout  how long a request waits for a connection before it fails with 503
 * @param idleTimeout     an idle connection above {@code minIdle} is closed after this
 * @param maxLifetime     every connection is replaced after this
 * @param leakDetection   log a connection held longer than this; empty = off
 */
public record PoolConfig(
        int minIdle,
        int maxSize,
        Duration connectTimeout,
        Duration idleTimeout,
        Duration maxLifetime,
        Optional<Duration> leakDetection) {

    public PoolConfig {
        if (maxSize < 1) throw new IllegalArgumentException("pool max size must be at least 1, got " + maxSize);
        if (minIdle < 0 || minIdle > maxSize) {
            throw new IllegalArgumentException("pool min idle must be within 0.." + maxSize + ", got " + minIdle);
        }
    }

    /** Ten connections, all kept open, 3s connect timeout, 10m idle timeout, 30m lifetime, no leak detection. */
    public static PoolConfig defaults() {
        return new PoolConfig(
                10, 10, Duration.ofSeconds(3), Duration.ofMinutes(10), Duration.ofMinutes(30), Optional.empty());
    }

    public PoolConfig minIdle(int value) {
        return new PoolConfig(value, maxSize, connectTimeout, idleTimeout, maxLifetime, leakDetection);
    }

    /** Sets the maximum; a {@code minIdle} that was equal to the old maximum (the default) follows it. */
    public PoolConfig maxSize(int value) {
        int idle = minIdle == maxSize ? value : Math.min(minIdle, value);
        return new PoolConfig(idle, value, connectTimeout, idleTimeout, maxLifetime, leakDetection);
    }

    public PoolConfig connectTimeout(Duration value) {
        return new PoolConfig(minIdle, maxSize, value, idleTimeout, maxLifetime, leakDetection);
    }

    public PoolConfig idleTimeout(Duration value) {
        return new PoolConfig(minIdle, maxSize, connectTimeout, value, maxLifetime, leakDetection);
    }

    public PoolConfig maxLifetime(Duration value) {
        return new PoolConfig(minIdle, maxSize, connectTimeout, idleTimeout, value, leakDetection);
    }

    public PoolConfig leakDetection(Duration value) {
        return new PoolConfig(minIdle, maxSize, connectTimeout, idleTimeout, maxLifetime, Optional.of(value));
    }
}
