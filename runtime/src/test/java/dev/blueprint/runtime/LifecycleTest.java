package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Graceful shutdown, database faults and recovery, environment overrides. */
class LifecycleTest {

    @TempDir
    Path data;

    @Test
    void gracefulStopLetsInFlightRequestsFinishAndTurnsReadinessFirst() throws Exception {
        RunningService running =
                PetShop.start(PetShop.builder(StoreConfig.h2("main", data), Map.of("HOST", "127.0.0.1")));
        Http http = new Http(running.uri());
        assertThat(http.get("/health/ready").status()).isEqualTo(200);

        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Http.Response>> inFlight = new ArrayList<>();
        for (int i = 0; i < 4; i++) inFlight.add(clients.submit(() -> http.get("/slow?ms=1200")));
        Thread.sleep(200);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(running::stop);
        Thread.sleep(100);
        // during the drain delay: readiness is 503, liveness still 200, the port still answers
        Http.Response ready = http.get("/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().get("detail").asText()).contains("shutting down");
        assertThat(http.get("/health/live").status()).isEqualTo(200);

        for (Future<Http.Response> request : inFlight) {
            assertThat(request.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        clients.shutdownNow();
        stopping.get(10, TimeUnit.SECONDS);
        assertThat(running.isReady()).isFalse();
    }

    @Test
    void portZeroAndEnvironmentOverridesApply() {
        Map<String, String> env = Map.of(
                "HOST",
                "127.0.0.1",
                "PORT",
                "0",
                "WORKER_THREADS",
                "3",
                "DATABASE_POOL_MAX_SIZE",
                "2",
                "BLUEPRINT_EMBEDDED_DIR",
                data.toString());
        StoreConfig unreachable = StoreConfig.postgres("main", "jdbc:postgresql://127.0.0.1:1/none");
        Service service = PetShop.builder(unreachable, env).build();
        assertThat(service.serverConfig().workerThreads()).isEqualTo(3);
        service.register(new PetShop.OwnerApi(service.database()));
        try (RunningService running = service.start()) {
            Http http = new Http(running.uri());
            assertThat(http.get("/health")
                            .json()
                            .get("stores")
                            .get("main")
                            .get("engine")
                            .asText())
                    .isEqualTo("h2");
            assertThat(http.get("/health")
                            .json()
                            .get("stores")
                            .get("main")
                            .get("pool")
                            .get("max")
                            .asInt())
                    .isEqualTo(2);
        }
    }

    @Test
    void secretsNeverAppearInConfigurationText() {
        StoreConfig store = StoreConfig.postgres("main", "jdbc:postgresql://u:pw1@db:5432/app?password=pw2")
                .user("app")
                .password("hunter2");
        assertThat(store.toString())
                .doesNotContain("hunter2")
                .doesNotContain("pw1")
                .doesNotContain("pw2");
        assertThat(store.safeUrl()).isEqualTo("jdbc:postgresql://db:5432/app");
    }

    @Test
    void aDatabaseOutageTurnsReadinessAndDataRequestsTo503FastAndRecovers() throws Exception {
        try (Postgres postgres = Postgres.fresh();
                TcpProxy proxy = new TcpProxy(Postgres.HOST, Postgres.PORT)) {
            StoreConfig store = StoreConfig.postgres("main", postgres.url("127.0.0.1", proxy.port()))
                    .user("postgres");
            Duration probeTimeout = Duration.ofMillis(500);
            try (RunningService running = PetShop.start(PetShop.builder(store, Map.of("HOST", "127.0.0.1")))) {
                Http http = new Http(running.uri());
                assertThat(http.get("/owners").status()).isEqualTo(200);
                assertThat(http.get("/health/ready").status()).isEqualTo(200);

                proxy.cut();
                long cutAt = System.nanoTime();
                awaitStatus(
                        http, "/health/ready", 503, probeTimeout.multipliedBy(2).plus(StoreCheck.CACHE));
                long readyFailedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt);
                assertThat(readyFailedAfter)
                        .isLessThanOrEqualTo(probeTimeout
                                .multipliedBy(2)
                                .plus(StoreCheck.CACHE)
                                .toMillis());
                Http.Response notReady = http.get("/health/ready");
                assertThat(notReady.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(notReady.json().get("detail").asText()).contains("store main");
                assertThat(http.get("/health/live").status()).isEqualTo(200);

                long before = System.nanoTime();
                Http.Response data = http.get("/owners");
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
                assertThat(data.status()).isEqualTo(503);
                assertThat(data.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(took)
                        .as("a data request fails within the pool's connect timeout")
                        .isLessThan(2500);

                proxy.restore();
                awaitStatus(http, "/health/ready", 200, Duration.ofSeconds(10));
                awaitStatus(http, "/owners", 200, Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void aStatementRunningPastTheRequestTimeoutIsCancelledByPostgresql() throws Exception {
        try (Postgres postgres = Postgres.fresh()) {
            StoreConfig store = StoreConfig.postgres("main", postgres.url()).user("postgres");
            Service.Builder builder = PetShop.builder(store, Map.of("HOST", "127.0.0.1"))
                    .server(PetShop.server().requestTimeout(Duration.ofSeconds(1)));
            try (RunningService running = PetShop.start(builder)) {
                Http http = new Http(running.uri());
                long before = System.nanoTime();
                Http.Response slow = http.get("/db-sleep?seconds=5");
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
                assertThat(slow.status()).isEqualTo(503);
                assertThat(slow.json().get("detail").asText()).contains("too long");
                assertThat(tookMs).isBetween(900L, 3000L);
                assertThat(http.get("/db-sleep?seconds=0").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void storesAreCheckedTogetherWithinOneProbeTimeout() throws Exception {
        try (Postgres postgres = Postgres.fresh();
                TcpProxy proxy = new TcpProxy(Postgres.HOST, Postgres.PORT)) {
            String url = postgres.url("127.0.0.1", proxy.port());
            Service.Builder builder = PetShop.builder(
                            StoreConfig.postgres("main", url).user("postgres"), Map.of("HOST", "127.0.0.1"))
                    .store(StoreConfig.postgres("second", url)
                            .user("postgres")
                            .pool(PoolConfig.defaults().maxSize(2).connectTimeout(Duration.ofSeconds(2))));
            try (RunningService running = PetShop.start(builder)) {
                Http http = new Http(running.uri());
                assertThat(http.get("/health/ready").status()).isEqualTo(200);
                proxy.cut();
                Thread.sleep(StoreCheck.CACHE.toMillis());
                long before = System.nanoTime();
                Http.Response ready = http.get("/health/ready");
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().get("detail").asText())
                        .contains("store main")
                        .contains("store second");
                assertThat(tookMs)
                        .as("both stores within one 500 ms probe timeout")
                        .isLessThan(900);
                proxy.restore();
            }
        }
    }

    private static void awaitStatus(Http http, String path, int status, Duration within) throws InterruptedException {
        long deadline =
                System.nanoTime() + within.toNanos() + Duration.ofMillis(200).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = http.get(path).status();
            if (last == status) return;
            Thread.sleep(50);
        }
        assertThat(last).as(path + " within " + within.toMillis() + " ms").isEqualTo(status);
    }
}
