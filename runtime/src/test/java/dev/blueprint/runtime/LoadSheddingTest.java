package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load is shed at the door: with every worker held, the requests past them are answered 503 with {@code Retry-After}
 * once they have waited the pool's connect timeout, not queued until a worker frees.
 */
class LoadSheddingTest {

    private static final int WORKERS = 4;

    @TempDir
    Path data;

    @Test
    void requestsPastBusyWorkersAre503WhileTheWorkersAreStillHeld() throws Exception {
        Service service = PetShop.builder(StoreConfig.h2("main", data), Map.of("HOST", "127.0.0.1"))
                .server(PetShop.server().workerThreads(WORKERS))
                .build();
        Gate gate = new Gate(service.database());
        ExecutorService clients = Executors.newFixedThreadPool(WORKERS + 12);
        try (RunningService running = PetShop.start(service, gate)) {
            Http http = new Http(running.uri());
            List<Future<Http.Response>> held = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) held.add(clients.submit(() -> http.get("/gate")));
            gate.awaitHeld(WORKERS);

            // they wait for a worker, then are refused: all of them while the gate is still shut
            List<Future<Http.Response>> past = new ArrayList<>();
            long sent = System.nanoTime();
            for (int i = 0; i < 12; i++) past.add(clients.submit(() -> http.get("/owners")));
            for (Future<Http.Response> request : past) {
                Http.Response answer = request.get(30, TimeUnit.SECONDS);
                // a figure for bench/results (the pool's connect timeout is 1 s here), never asserted
                System.out.println("shed: 503 after " + (System.nanoTime() - sent) / 1_000_000 + " ms");
                assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                assertThat(answer.header("Retry-After")).isEqualTo("1");
                assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(answer.json().get("detail").asText()).contains("at capacity");
            }
            assertThat(held).noneMatch(Future::isDone);
            assertThat(http.get("/health/live").status()).isEqualTo(200);
            assertThat(http.get("/health/ready").status()).isEqualTo(200);

            gate.open();
            for (Future<Http.Response> request : held)
                assertThat(request.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(http.get("/owners").status()).isEqualTo(200);
        } finally {
            gate.open();
            clients.shutdownNow();
        }
    }
}
