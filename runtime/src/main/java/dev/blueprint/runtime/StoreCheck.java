package dev.blueprint.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One store's health check as the probes run it: a result younger than {@link #CACHE} is reused, so probes never
 * hammer the database; one check runs at a time, on a thread of its own (never a worker), and a caller waits for it
 * only until its deadline.
 */
final class StoreCheck implements AutoCloseable {

    /** A result younger than this is reused. */
    static final Duration CACHE = Duration.ofMillis(500);

    private final String store;
    private final Duration timeout;
    private final Supplier<Store.Check> check;
    private final ExecutorService thread;
    private volatile Store.Check last;
    private CompletableFuture<Store.Check> inFlight;

    /**
     * @param store   the store's name (names the thread)
     * @param timeout the probe timeout, as a result that did not come in time reports it
     * @param check   runs the check itself; blocks for at most about {@code timeout}
     */
    StoreCheck(String store, Duration timeout, Supplier<Store.Check> check) {
        this.store = store;
        this.timeout = timeout;
        this.check = check;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "store-check-" + store);
            t.setDaemon(true);
            return t;
        });
    }

    String store() {
        return store;
    }

    /** Starts a check, or reuses a result younger than {@link #CACHE} or the check already running. */
    CompletableFuture<Store.Check> start() {
        Store.Check recent = last;
        if (recent != null && System.nanoTime() - recent.atNanos() < CACHE.toNanos()) {
            return CompletableFuture.completedFuture(recent);
        }
        synchronized (this) {
            if (inFlight == null || inFlight.isDone()) inFlight = CompletableFuture.supplyAsync(check, thread);
            return inFlight;
        }
    }

    /** The result of a started check, waiting at most until {@code deadlineNanos} ({@link System#nanoTime()}). */
    Store.Check await(CompletableFuture<Store.Check> started, long deadlineNanos) {
        Store.Check result;
        try {
            result = started.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            result = new Store.Check(false, "no answer within " + timeout.toMillis() + "ms", System.nanoTime());
        } catch (ExecutionException e) {
            result = new Store.Check(false, "check failed", System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new Store.Check(false, "interrupted", System.nanoTime());
        }
        last = result;
        return result;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
