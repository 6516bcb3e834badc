package dev.blueprint.runtime;

/**
 * A rate limit: a token bucket per key that refills {@code perSecond} tokens a second and holds at most
 * {@code burst}; a request takes one token, and gets 429 when there is none.
 *
 * <pre>{@code
 * RateLimitConfig.perSecond(20).burst(40).byClient()
 * }</pre>
 *
 * @param perSecond  the sustained rate, requests per second
 * @param burst      the bucket's size: how many requests may come at once
 * @param key        what a bucket belongs to
 * @param maxKeys    the most buckets kept at once (memory bound); the least recently used go first
 */
public record RateLimitConfig(int perSecond, int burst, Key key, int maxKeys) {

    /** What requests are counted by. */
    public enum Key {
        /** The authenticated client (API key client or JWT subject); the remote address when there is none. */
        CLIENT,
        /** The remote address (of the connection: forwarded headers are not trusted). */
        ADDRESS
    }

    /** The default bound on buckets kept at once. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    public RateLimitConfig {
        if (perSecond < 1)
            throw new IllegalArgumentException("rate limit per second must be at least 1, got " + perSecond);
        if (burst < 1) throw new IllegalArgumentException("rate limit burst must be at least 1, got " + burst);
        if (key == null) throw new IllegalArgumentException("rate limit key is required");
        if (maxKeys < 1) throw new IllegalArgumentException("rate limit max keys must be at least 1, got " + maxKeys);
    }

    /** {@code value} requests a second, a burst of as many, by client. */
    public static RateLimitConfig perSecond(int value) {
        return new RateLimitConfig(value, value, Key.CLIENT, DEFAULT_MAX_KEYS);
    }

    public RateLimitConfig burst(int value) {
        return new RateLimitConfig(perSecond, value, key, maxKeys);
    }

    /** Counts by authenticated client, by address for anonymous requests (the default). */
    public RateLimitConfig byClient() {
        return new RateLimitConfig(perSecond, burst, Key.CLIENT, maxKeys);
    }

    /** Counts by remote address. */
    public RateLimitConfig byAddress() {
        return new RateLimitConfig(perSecond, burst, Key.ADDRESS, maxKeys);
    }

    /** Keeps at most {@code value} buckets (default {@value #DEFAULT_MAX_KEYS}). */
    public RateLimitConfig maxKeys(int value) {
        return new RateLimitConfig(perSecond, burst, key, value);
    }
}
