package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** How the probes run the stores' checks: at once, bounded by the probe timeout, cached, one at a time. */
class HealthTest {

    private static Store.Check ok() {
        return new Store.Check(true, "ok", System.nanoTime());
    }

    private static StoreCheck check(String store, Duration timeout, Supplier<Store.Check> body) {
        return new StoreCheck(store, timeout, body);
    }

    @Test
    void theStoresAreCheckedAtOnce() {
        // each check answers only once the other has started: checked one after the other, the first would wait
        // for the second until its deadline and report no answer
        CyclicBarrier bothStarted = new CyclicBarrier(2);
        Supplier<Store.Check> meetTheOther = () -> {
            try {
                bothStarted.await(30, TimeUnit.SECONDS);
                return ok();
            } catch (Exception e) {
                return new Store.Check(false, "checked alone", System.nanoTime());
            }
        };
        Duration timeout = Duration.ofSeconds(30);
        try (StoreCheck main = check("main", timeout, meetTheOther);
                StoreCheck second = check("second", timeout, meetTheOther)) {
            Map<StoreCheck, Store.Check> results = Health.checkAll(List.of(main, second), timeout);
            assertThat(results.get(main).ok()).isTrue();
            assertThat(results.get(second).ok()).isTrue();
        }
    }

    @Test
    void aCheckThatDoesNotAnswerIsReportedAsSuchAtTheDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        Duration timeout = Duration.ofMillis(400);
        try (StoreCheck hung = check("main", timeout, () -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ok();
                });
                StoreCheck answering = check("second", timeout, HealthTest::ok)) {
            Map<StoreCheck, Store.Check> results = Health.checkAll(List.of(hung, answering), timeout);
            assertThat(results.get(hung).ok()).isFalse();
            assertThat(results.get(hung).detail()).isEqualTo("no answer within 400ms");
            assertThat(results.get(answering).ok()).isTrue();
        } finally {
            never.countDown();
        }
    }

    @Test
    void aRecentResultIsReusedAndOneCheckRunsAtATime() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (StoreCheck store = check("main", Duration.ofSeconds(30), () -> {
            runs.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ok();
        })) {
            var first = store.start();
            var second = store.start();
            assertThat(second).as("the check already running").isSameAs(first);
            release.countDown();
            Store.Check result = store.await(first, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            assertThat(result.ok()).isTrue();
            // taken just now, so well within the cache's 500 ms
            assertThat(store.start().getNow(null)).isSameAs(result);
            assertThat(runs).hasValue(1);
        }
    }
}
