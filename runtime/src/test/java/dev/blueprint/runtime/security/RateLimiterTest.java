package dev.blueprint.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.runtime.RateLimitConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBucketAllowsTheBurstThenRefillsAtTheRate() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(RateLimitConfig.perSecond(2).burst(3), now::get);
        assertThat(limiter.acquire("a")).isEqualTo(new RateLimiter.Decision(true, 3, 2, 0));
        assertThat(limiter.acquire("a")).isEqualTo(new RateLimiter.Decision(true, 3, 1, 0));
        assertThat(limiter.acquire("a")).isEqualTo(new RateLimiter.Decision(true, 3, 0, 0));
        RateLimiter.Decision refused = limiter.acquire("a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        // another key has a bucket of its own
        assertThat(limiter.acquire("b").allowed()).isTrue();
        now.addAndGet(SECOND / 2);
        assertThat(limiter.acquire("a").allowed()).isTrue();
        assertThat(limiter.acquire("a").allowed()).isFalse();
        now.addAndGet(10 * SECOND);
        // refilled up to the burst, not beyond
        for (int i = 0; i < 3; i++) assertThat(limiter.acquire("a").allowed()).isTrue();
        assertThat(limiter.acquire("a").allowed()).isFalse();
    }

    @Test
    void retryAfterIsWholeSecondsAtLeastOne() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter fast = new RateLimiter(RateLimitConfig.perSecond(100).burst(1), now::get);
        assertThat(fast.acquire("a").allowed()).isTrue();
        assertThat(fast.acquire("a").retryAfterSeconds()).isEqualTo(1);
        RateLimiter slow = new RateLimiter(RateLimitConfig.perSecond(1).burst(1), now::get);
        assertThat(slow.acquire("a").allowed()).isTrue();
        now.addAndGet(SECOND / 10);
        assertThat(slow.acquire("a").retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void holdsItsLimitWithinTenPercentUnderConcurrentLoad() throws Exception {
        int perSecond = 500;
        int burst = 500;
        RateLimiter limiter =
                new RateLimiter(RateLimitConfig.perSecond(perSecond).burst(burst));
        LongAdder accepted = new LongAdder();
        LongAdder refused = new LongAdder();
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long end = window[1];
                while (System.nanoTime() < end) {
                    if (limiter.acquire("hot").allowed()) accepted.increment();
                    else refused.increment();
                }
            });
            thread.start();
            threads.add(thread);
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + 2 * SECOND;
        go.countDown();
        for (Thread thread : threads) thread.join();
        double elapsed = (System.nanoTime() - window[0]) / 1e9;
        double allowed = perSecond * elapsed + burst;
        assertThat(refused.sum()).as("the threads went over the limit").isGreaterThan(accepted.sum());
        assertThat((double) accepted.sum()).isBetween(allowed * 0.9, allowed * 1.0 + 1);
    }

    @Test
    void memoryStaysBoundedWithAMillionDistinctKeys() {
        AtomicLong now = new AtomicLong(0);
        int bound = 10_000;
        RateLimiter limiter =
                new RateLimiter(RateLimitConfig.perSecond(1).burst(1).maxKeys(bound), now::get);
        long most = 0;
        for (int i = 0; i < 1_000_000; i++) {
            limiter.acquire("client-" + i);
            if (i % 16 == 0) now.addAndGet(1_000);
            most = Math.max(most, limiter.keys());
        }
        assertThat(most).isLessThanOrEqualTo(bound);
        assertThat(limiter.keys()).isGreaterThan(bound / 2);
        // the most recent keys are still limited
        assertThat(limiter.acquire("client-999999").allowed()).isFalse();
    }

    @Test
    void idleBucketsAreDroppedOnceTheyWouldBeFullAgain() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(RateLimitConfig.perSecond(10).burst(20), now::get);
        for (int i = 0; i < 100; i++) limiter.acquire("k" + i);
        assertThat(limiter.keys()).isEqualTo(100);
        now.addAndGet(3 * SECOND);
        limiter.acquire("fresh");
        assertThat(limiter.keys()).isEqualTo(1);
    }
}
