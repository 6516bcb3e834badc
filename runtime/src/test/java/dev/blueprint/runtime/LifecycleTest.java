package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
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
        // a drain long enough for the requests made during it, however slow the machine
        Service service = PetShop.builder(StoreConfig.h2("main", data), Map.of("HOST", "127.0.0.1"))
                .server(PetShop.server().drainDelay(Duration.ofSeconds(2)))
                .build();
        Gate gate = new Gate(service.database());
        RunningService running = PetShop.start(service, gate);
        Http http = new Http(running.uri());
        assertThat(http.get("/health/ready").status()).isEqualTo(200);

        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Http.Response>> inFlight = new ArrayList<>();
        for (int i = 0; i < 4; i++) inFlight.add(clients.submit(() -> http.get("/gate")));
        gate.awaitHeld(4);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(running::stop);
        Await.until("stopping", () -> !running.isReady());
        // during the drain delay: readiness is 503, liveness still 200, the port still answers
        Http.Response ready = http.get("/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().get("detail").asText()).contains("shutting down");
        assertThat(http.get("/health/live").status()).isEqualTo(200);
        assertThat(http.get("/owners").status()).isEqualTo(200);

        // after it, new requests are refused while the ones in flight run on
        Await.until("refusing new requests", () -> http.get("/owners").status() == 503);
        for (Future<Http.Response> request : inFlight) assertThat(request).isNotDone();
        gate.open();
        for (Future<Http.Response> request : inFlight) {
            assertThat(request.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        clients.shutdownNow();
        stopping.get(10, TimeUnit.SECONDS);
        assertThat(running.isReady()).isFalse();
    }

    @Test
    void keepAliveConnectionsAreClosedCleanlyOnStop() throws Exception {
        Service service = PetShop.builder(StoreConfig.h2("main", data), Map.of("HOST", "127.0.0.1"))
                .server(PetShop.server().drainDelay(Duration.ofSeconds(2)))
                .build();
        RunningService running = PetShop.start(service);
        Http http = new Http(running.uri());
        String get = "GET /owners HTTP/1.1\r\nHost: x\r\n\r\n";
        try (RawHttp idle = new RawHttp(running.port());
                RawHttp reused = new RawHttp(running.port())) {
            assertThat(idle.send(get).read(500))
                    .startsWith("HTTP/1.1 200")
                    .doesNotContainIgnoringCase("connection: close");
            assertThat(reused.send(get).read(500)).startsWith("HTTP/1.1 200");

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(running::stop);
            Await.until("stopping", () -> !running.isReady());
            assertThat(http.get("/health/ready").status()).isEqualTo(503);
            // during the drain a keep-alive connection is answered, told to close, and closed
            String answer = reused.send(get).read(5_000);
            assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close");
            assertThat(reused.endWithin(5_000)).isEqualTo(RawHttp.End.CLOSED);
            // one left idle through the stop is closed, not reset
            stopping.get(30, TimeUnit.SECONDS);
            assertThat(idle.endWithin(5_000)).isEqualTo(RawHttp.End.CLOSED);
        }
    }

    @Test
    void aPortInUseFailsTheStartWithTheBindError() throws Exception {
        try (RunningService first =
                PetShop.start(PetShop.builder(StoreConfig.h2("main", data), Map.of("HOST", "127.0.0.1")))) {
            Service second = PetShop.builder(StoreConfig.h2("other", data), Map.of("HOST", "127.0.0.1"))
                    .server(PetShop.server().port(first.port()))
                    .build();
            assertThatThrownBy(() -> PetShop.start(second)).hasRootCauseInstanceOf(BindException.class);
            assertThatThrownBy(second::start).hasMessageContaining("started already");
            assertThat(new Http(first.uri()).get("/health/ready").status()).isEqualTo(200);
        }
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
    void aDatabaseOutageTurnsReadinessAndDataRequestsTo503AndRecovers() throws Exception {
        try (Postgres postgres = Postgres.fresh();
                TcpProxy proxy = new TcpProxy(Postgres.HOST, Postgres.PORT)) {
            StoreConfig store = StoreConfig.postgres("main", postgres.url("127.0.0.1", proxy.port()))
                    .user("postgres");
            try (RunningService running = PetShop.start(PetShop.builder(store, Map.of("HOST", "127.0.0.1")))) {
                Http http = new Http(running.uri());
                assertThat(http.get("/owners").status()).isEqualTo(200);
                assertThat(http.get("/health/ready").status()).isEqualTo(200);

                proxy.cut();
                // readiness turns 503 on the store check's answer (the checks never wait past the probe timeout)
                Http.Response notReady = awaitStatus(http, "/health/ready", 503);
                assertThat(notReady.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(notReady.json().get("detail").asText()).contains("store main");
                assertThat(http.get("/health/live").status()).isEqualTo(200);

                // a data request fails as a connection failure: ended by the pool's connect timeout (1 s), since the
                // request and socket timeouts (30 s, 35 s) lie beyond the client's (20 s)
                Http.Response data = http.get("/owners");
                assertThat(data.status()).isEqualTo(503);
                assertThat(data.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(data.json().get("detail").asText())
                        .isEqualTo("the database 'main' is unavailable; retry later");

                proxy.restore();
                awaitStatus(http, "/health/ready", 200);
                awaitStatus(http, "/owners", 200);
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
                Http.Response slow = http.get("/db-sleep?seconds=5");
                // 57014, query_canceled: PostgreSQL ended the statement at the timeout (pg_sleep(5) would succeed)
                assertThat(slow.status()).isEqualTo(503);
                assertThat(slow.json().get("detail").asText())
                        .isEqualTo("the database took too long to answer; retry later");
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
                // one answer names both: every store is checked at once (see HealthTest), within one probe timeout
                Http.Response ready = Await.until(
                        "both stores failing readiness",
                        () -> http.get("/health/ready"),
                        answer -> answer.status() == 503
                                && answer.body().contains("store main")
                                && answer.body().contains("store second"));
                assertThat(ready.json().get("detail").asText())
                        .startsWith("not ready: ")
                        .contains("store main: ")
                        .contains("store second: ");
                proxy.restore();
            }
        }
    }

    /** Polls {@code path} until it answers {@code status}; that answer. */
    private static Http.Response awaitStatus(Http http, String path, int status) {
        return Await.until(path + " answering " + status, () -> http.get(path), answer -> answer.status() == status);
    }
}
