package dev.blueprint.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * What the probes and {@code /health} answer. Liveness is always up; startup is up once the stores are open and
 * migrated; readiness is up while the service is ready and the stores it checks answer; {@code /health} reports every
 * store (status, engine, pool figures) and is up when readiness would be.
 *
 * <p>Readiness, startup and {@code /health} run on {@link #threads()}, two threads of their own, so they are never
 * queued behind data requests waiting for a connection: a database outage under load turns readiness 503 within the
 * probe timeout instead of leaving the probe unanswered. The stores are checked at once (one {@link StoreCheck} each),
 * within one probe timeout.
 */
final class Health implements AutoCloseable {

    /** A store with its check, and whether readiness depends on it. */
    private record Checked(Store store, StoreCheck check, boolean readiness) {}

    private final String service;
    private final String version;
    private final Duration timeout;
    private final Supplier<Lifecycle.State> state;
    private final List<Checked> stores = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "probe");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param stores    every store, in declaration order
     * @param readiness the stores readiness checks
     * @param state     the service's lifecycle state
     */
    Health(
            String service,
            String version,
            Duration timeout,
            List<Store> stores,
            List<Store> readiness,
            Supplier<Lifecycle.State> state) {
        this.service = service;
        this.version = version;
        this.timeout = timeout;
        this.state = state;
        for (Store store : stores) {
            StoreCheck check = new StoreCheck(store.config().name(), timeout, () -> store.check(timeout));
            this.stores.add(new Checked(store, check, readiness.contains(store)));
        }
    }

    /** Where readiness, startup and {@code /health} run. */
    Executor threads() {
        return threads;
    }

    /** The liveness answer: the process answers. */
    static Reply live() {
        return Reply.ok(Map.of("status", "UP"));
    }

    /** 200 once started; 503 while the stores open and migrate. */
    Reply startup() {
        if (state.get() == Lifecycle.State.STARTING)
            throw Problem.unavailable("starting: migrations have not finished");
        return Reply.ok(Map.of("status", "UP"));
    }

    /** 200 with each checked store's detail; 503 while starting, stopping, or when a checked store fails. */
    Reply ready() {
        Lifecycle.State current = state.get();
        if (current == Lifecycle.State.STARTING) throw Problem.unavailable("not ready: starting");
        if (current != Lifecycle.State.READY) throw Problem.unavailable("not ready: shutting down");
        List<StoreCheck> checked = new ArrayList<>();
        for (Checked store : stores) if (store.readiness()) checked.add(store.check());
        List<String> failing = new ArrayList<>();
        Map<String, String> checks = new TreeMap<>();
        checkAll(checked, timeout).forEach((check, result) -> {
            checks.put(check.store(), result.detail());
            if (!result.ok()) failing.add("store " + check.store() + ": " + result.detail());
        });
        if (!failing.isEmpty()) throw Problem.unavailable("not ready: " + String.join("; ", failing));
        return Reply.ok(Map.of("status", "UP", "checks", checks));
    }

    /** Every store's check and pool figures; 200 when ready and every store readiness checks is up, 503 otherwise. */
    Reply health() {
        Lifecycle.State current = state.get();
        boolean up = current == Lifecycle.State.READY;
        Map<StoreCheck, Store.Check> results =
                checkAll(stores.stream().map(Checked::check).toList(), timeout);
        Map<String, Object> storesReport = new TreeMap<>();
        for (Checked checked : stores) {
            Store.Check result = results.get(checked.check());
            up &= result.ok() || !checked.readiness();
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("status", result.ok() ? "UP" : "DOWN");
            report.put("detail", result.detail());
            report.put("engine", checked.store().config().isEmbedded() ? "h2" : "postgres");
            report.put("pool", checked.store().poolFigures());
            storesReport.put(checked.store().config().name(), report);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("service", service);
        body.put("version", version);
        body.put("state", current.name());
        body.put("stores", storesReport);
        return new Reply(up ? 200 : 503, Optional.of(body), Optional.empty());
    }

    /**
     * Runs {@code checks} at once: starts every one, then awaits each against one deadline. The answer must reach the
     * prober within its timeout (an orchestrator probes with the same timeout), so the checks get the timeout less a
     * margin for answering: a quarter of it, at most 250 ms.
     */
    static Map<StoreCheck, Store.Check> checkAll(List<StoreCheck> checks, Duration timeout) {
        long deadline = System.nanoTime()
                + timeout.minus(Duration.ofMillis(Math.min(250, timeout.toMillis() / 4)))
                        .toNanos();
        Map<StoreCheck, CompletableFuture<Store.Check>> started = new LinkedHashMap<>();
        for (StoreCheck check : checks) started.put(check, check.start());
        Map<StoreCheck, Store.Check> results = new LinkedHashMap<>();
        started.forEach((check, future) -> results.put(check, check.await(future, deadline)));
        return results;
    }

    /** Stops the probe threads and the stores' check threads. */
    @Override
    public void close() {
        threads.shutdownNow();
        for (Checked store : stores) store.check().close();
    }
}
