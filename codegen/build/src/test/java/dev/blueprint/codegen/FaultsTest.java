package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.build.InProcessService;
import dev.blueprint.runtime.Environment;
import dev.blueprint.runtime.Http;
import dev.blueprint.runtime.Postgres;
import dev.blueprint.runtime.RunningService;
import dev.blueprint.runtime.TcpProxy;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated service when the database goes away, and when it is sent SIGTERM under load. */
class FaultsTest {

    @TempDir
    Path work;

    @Test
    void databaseOutageTurnsReadyAndDataTo503FastAndRecoversWithoutRestart() throws Exception {
        try (Postgres postgres = Postgres.fresh();
                TcpProxy proxy = new TcpProxy(Postgres.HOST, Postgres.PORT)) {
            var files = Generator.generate(Blueprints.spec(Blueprints.valid("auto-shop.blueprint")));
            Duration probeTimeout = Duration.ofSeconds(2);
            RunningService running = InProcessService.load(
                            files,
                            work,
                            Environment.of(Map.of(
                                    "PORT",
                                    "0",
                                    "HOST",
                                    "127.0.0.1",
                                    "DATABASE_URL",
                                    postgres.url("127.0.0.1", proxy.port()),
                                    "DATABASE_USER",
                                    "postgres")))
                    .start();
            try {
                Http http = new Http(running.uri());
                assertThat(http.get("/api/v1/customers").status()).isEqualTo(200);
                assertThat(http.get("/health/ready").status()).isEqualTo(200);

                proxy.cut();
                long cut = System.nanoTime();
                int ready = 0;
                while (System.nanoTime() - cut < probeTimeout.multipliedBy(2).toNanos()) {
                    ready = http.get("/health/ready").status();
                    if (ready == 503) break;
                    Thread.sleep(100);
                }
                assertThat(ready).as("ready within two probe timeouts").isEqualTo(503);
                assertThat(http.get("/health/ready").json().get("detail").asText())
                        .contains("main");
                assertThat(http.get("/health/live").status()).isEqualTo(200);
                long before = System.nanoTime();
                Http.Response data = http.get("/api/v1/customers");
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
                assertThat(data.status()).isEqualTo(503);
                assertThat(data.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(tookMs)
                        .as("fails within the pool's 3s connect timeout, never hangs")
                        .isLessThan(4000);

                proxy.restore();
                long back = System.nanoTime();
                while (http.get("/health/ready").status() != 200) {
                    assertThat(System.nanoTime() - back)
                            .as("recovers by itself")
                            .isLessThan(Duration.ofSeconds(15).toNanos());
                    Thread.sleep(200);
                }
                assertThat(http.get("/api/v1/customers").status()).isEqualTo(200);
            } finally {
                running.stop();
            }
        }
    }

    @Test
    void sigtermUnderLoadFailsNoRequestAndReadinessDropsBeforeThePortCloses() throws Exception {
        var files = Generator.generate(Blueprints.spec(Blueprints.valid("task-api.blueprint")));
        // compile and lay out the classes the way blueprint run does, then start them in a child JVM
        InProcessService.load(
                files,
                work,
                Environment.of(
                        Map.of("BLUEPRINT_EMBEDDED_DIR", work.resolve("probe").toString())));
        ExecutorService clients = Executors.newFixedThreadPool(5);
        try (ChildService service = ChildService.start(
                work.resolve("classes"),
                files,
                Map.of("BLUEPRINT_EMBEDDED_DIR", work.resolve("data").toString()),
                work.resolve("service.log"))) {
            int port = service.port();
            Http http = service.http();
            service.awaitReady();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger ok = new AtomicInteger();
            List<Future<List<String>>> streams = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                streams.add(clients.submit(() -> {
                    List<String> failures = new ArrayList<>();
                    // like a load balancer's clients: new requests stop once readiness has turned 503
                    while (!stop.get()) {
                        try {
                            Http.Response r = http.post("/api/tasks", "{\"title\": \"load\"}");
                            if (r.status() == 201) ok.incrementAndGet();
                            else failures.add("status " + r.status());
                        } catch (RuntimeException e) {
                            failures.add(e + " caused by " + rootCause(e));
                        }
                    }
                    return failures;
                }));
            }
            Thread.sleep(500);
            service.terminate();
            long signalled = System.nanoTime();
            boolean sawNotReady = false;
            while (portOpen(port)) {
                try {
                    if (http.get("/health/ready").status() == 503) {
                        sawNotReady = true;
                        stop.set(true);
                    }
                } catch (RuntimeException e) {
                    break;
                }
                assertThat(System.nanoTime() - signalled)
                        .isLessThan(Duration.ofSeconds(30).toNanos());
                Thread.sleep(50);
            }
            stop.set(true);
            assertThat(service.awaitExit(Duration.ofSeconds(30))).isTrue();
            List<String> failures = new ArrayList<>();
            for (Future<List<String>> s : streams) failures.addAll(s.get());
            assertThat(failures).as("no request failed").isEmpty();
            assertThat(ok.get()).isPositive();
            assertThat(sawNotReady)
                    .as("readiness went 503 before the port closed")
                    .isTrue();
            assertThat(service.exitValue()).isIn(0, 143);
        } finally {
            clients.shutdownNow();
        }
    }

    private static boolean portOpen(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return t;
    }
}
