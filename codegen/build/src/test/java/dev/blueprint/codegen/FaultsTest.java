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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated service when the database goes away, and when it is sent SIGTERM under load. Each test waits for
 * the events it expects (readiness turning 503, the port closing, the process exiting), never for a time; the
 * class's {@link Timeout} only stops a run that hangs.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FaultsTest {

    @TempDir
    Path work;

    @Test
    void databaseOutageTurnsReadyAndDataTo503FastAndRecoversWithoutRestart() throws Exception {
        try (Postgres postgres = Postgres.fresh();
                TcpProxy proxy = new TcpProxy(Postgres.HOST, Postgres.PORT)) {
            var files = Generator.generate(Blueprints.spec(Blueprints.valid("auto-shop.blueprint")));
            RunningService running = InProcessService.load(
                            files,
                            work,
                            Environment.of(LoopbackEnvironment.onPostgres(postgres.url("127.0.0.1", proxy.port()))))
                    .start();
            try {
                Http http = new Http(running.uri());
                assertThat(http.get("/api/v1/customers").status()).isEqualTo(200);
                assertThat(http.get("/health/ready").status()).isEqualTo(200);

                proxy.cut();
                // every probe answers (within its timeout, by the runtime's design); one of them reports the outage
                // once the last good check is too old to be reused
                Http.Response ready = http.get("/health/ready");
                while (ready.status() == 200) {
                    Thread.sleep(50);
                    ready = http.get("/health/ready");
                }
                assertThat(ready.status()).as(ready.toString()).isEqualTo(503);
                assertThat(ready.json().get("detail").asText()).contains("store main");
                assertThat(http.get("/health/live").status()).isEqualTo(200);
                // answered while the database is still cut off: the request gave up on the pool's connect timeout
                // rather than waiting for the database to come back
                Http.Response data = http.get("/api/v1/customers");
                assertThat(data.status()).as(data.toString()).isEqualTo(503);
                assertThat(data.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(data.json().get("detail").asText()).contains("'main' is unavailable");

                proxy.restore();
                // recovers by itself: readiness and data come back without a restart
                while (http.get("/health/ready").status() != 200) Thread.sleep(100);
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
            // under load: the clients have had some requests served
            while (ok.get() < 50 && streams.stream().noneMatch(Future::isDone)) Thread.sleep(10);
            service.terminate();
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
