package dev.blueprint.runtime.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.blueprint.runtime.RateLimitConfig;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Token buckets, one per key: a bucket holds at most {@code burst} tokens, refills {@code perSecond} a second,
 * and a request takes one. Memory is bounded: at most {@code maxKeys} buckets are kept (the least recently used go
 * first), and a bucket unused for as long as it takes to refill completely is dropped, which loses nothing (a new
 * bucket starts full). Eviction runs on the calling thread, so the bound holds after every call.
 */
final class RateLimiter {

    /** The outcome for one request. */
    record Decision(boolean allowed, int limit, int remaining, long retryAfterSeconds) {}

    /** One key's bucket; guarded by its own lock. */
    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    private final int perSecond;
    private final int burst;
    private final double tokensPerNano;
    private final LongSupplier nanoTime;
    private final Cache<String, Bucket> buckets;

    RateLimiter(RateLimitConfig config) {
        this(config, System::nanoTime);
    }

    RateLimiter(RateLimitConfig config, LongSupplier nanoTime) {
        this.perSecond = config.perSecond();
        this.burst = config.burst();
        this.tokensPerNano = perSecond / 1e9;
        this.nanoTime = nanoTime;
        long refillNanos = (long) Math.ceil(burst / tokensPerNano);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(config.maxKeys())
                .expireAfterAccess(Duration.ofNanos(
                        Math.max(refillNanos, Duration.ofSeconds(1).toNanos())))
                .executor(Runnable::run)
                .ticker(nanoTime::getAsLong)
                .build();
    }

    /** Takes a token from {@code key}'s bucket when it has one. */
    Decision acquire(String key) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            long elapsed = now - bucket.refilledAt;
            if (elapsed > 0) {
                bucket.tokens = Math.min(burst, bucket.tokens + elapsed * tokensPerNano);
                bucket.refilledAt = now;
            }
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return new Decision(true, burst, (int) Math.floor(bucket.tokens), 0);
            }
            long retryAfter = (long) Math.ceil((1 - bucket.tokens) / perSecond);
            return new Decision(false, burst, 0, Math.max(1, retryAfter));
        }
    }

    /** How many buckets are kept now. */
    long keys() {
        return buckets.estimatedSize();
    }
}
