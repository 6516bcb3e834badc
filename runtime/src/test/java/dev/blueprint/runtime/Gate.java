package dev.blueprint.runtime;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Routes that hold their requests until the test opens the gate, so a test knows, rather than hopes after a sleep,
 * that requests are in flight: {@code GET /gate} holds a worker, {@code GET /gate/connection} also holds a pooled
 * connection (inside a transaction).
 */
final class Gate implements Api {

    private final Database db;
    private final Semaphore entered = new Semaphore(0);
    private final CountDownLatch open = new CountDownLatch(1);

    Gate(Database db) {
        this.db = db;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/gate", request -> {
            hold();
            return Reply.ok(Map.of("passed", true));
        });
        routes.get(
                "/gate/connection",
                request -> Reply.ok(db.transaction(sql -> {
                    sql.query("SELECT 1", row -> 1);
                    hold();
                    return Map.of("passed", true);
                })));
    }

    /** Waits until {@code requests} requests are held at the gate. */
    void awaitHeld(int requests) throws InterruptedException {
        if (!entered.tryAcquire(requests, 30, TimeUnit.SECONDS))
            throw new AssertionError(requests + " requests did not reach the gate");
    }

    /** Lets every held request, and every later one, through. */
    void open() {
        open.countDown();
    }

    private void hold() {
        entered.release();
        try {
            open.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the gate", e);
        }
    }
}
