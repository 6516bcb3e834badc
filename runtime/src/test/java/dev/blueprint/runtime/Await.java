package dev.blueprint.runtime;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a state a test cannot be told about (a service draining, a probe turning 503) by polling it. The bound is
 * a failure timeout for a test that would otherwise hang, never what a test asserts: tests assert behaviour, not time.
 */
final class Await {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private Await() {}

    /** Polls {@code poll} until what it answers passes {@code done}, and returns that answer. */
    static <T> T until(String what, Supplier<T> poll, Predicate<T> done) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        T last = poll.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline)
                throw new AssertionError("not " + what + " after " + BOUND.toSeconds() + " s; last: " + last);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
            last = poll.get();
        }
        return last;
    }

    /** Polls {@code condition} until it holds. */
    static void until(String what, java.util.function.BooleanSupplier condition) {
        until(what, condition::getAsBoolean, Boolean::booleanValue);
    }
}
