package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients cannot exhaust the service: bodies are read on the io threads before a worker is taken, and header and
 * body deadlines close what never arrives.
 */
class SlowClientsTest {

    private static final int SLOW_BODIES = 200;
    private static final int SLOW_HEADERS = 100;

    @TempDir
    Path data;

    private RunningService running;
    private Http http;
    private final List<RawHttp> connections = new ArrayList<>();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() {
        // eight workers for hundreds of slow clients; deadlines long enough that they are all open while probed
        running = PetShop.start(PetShop.builder(StoreConfig.h2("main", data), Map.of("HOST", "127.0.0.1"))
                .server(PetShop.server()
                        .workerThreads(8)
                        .headerTimeout(Duration.ofSeconds(6))
                        .bodyTimeout(Duration.ofSeconds(6))));
        http = new Http(running.uri());
    }

    @AfterEach
    void stop() {
        trickle.shutdownNow();
        connections.forEach(RawHttp::close);
        running.stop();
    }

    @Test
    void hundredsOfSlowConnectionsLeaveProbesAndRequestsAnswering() throws Exception {
        String body = "{\"email\": \"slow@example.com\", \"name\": \"Slow\"}";
        List<RawHttp> bodies = new ArrayList<>();
        for (int i = 0; i < SLOW_BODIES; i++) {
            RawHttp slow = open();
            slow.send("POST /owners HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n{");
            bodies.add(slow);
        }
        for (int i = 0; i < SLOW_HEADERS; i++) open().send("GET /owners HTTP/1.1\r\nHost: x\r\nX-Slow: ");
        // a byte every half second on every connection: each stays busy, none completes
        trickle.scheduleAtFixedRate(
                () -> {
                    for (RawHttp connection : connections) {
                        try {
                            connection.send(" ");
                        } catch (IOException e) {
                            // closed by the server's deadline
                        }
                    }
                },
                500,
                500,
                TimeUnit.MILLISECONDS);

        for (int i = 0; i < 5; i++) {
            assertThat(http.get("/health/live").status()).isEqualTo(200);
            assertThat(http.get("/health/ready").status()).isEqualTo(200);
            assertThat(http.get("/owners").status()).isEqualTo(200);
            Http.Response created =
                    http.post("/owners", "{\"email\": \"fast" + i + "@example.com\", \"name\": \"Fast\"}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }

        // past the body deadline each slow body is answered 408, however it trickles on
        for (RawHttp slow : bodies) {
            String answer = slow.read(30_000);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json");
        }
        assertThat(http.get("/owners?limit=5").json().get("items")).hasSize(5);
    }

    @Test
    void aBodyShorterThanItsContentLengthIsAnswered408AndClosed() throws Exception {
        RawHttp truncated = open();
        truncated.send(
                "POST /owners HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                        + "{\"email\": ");
        String answer = truncated.read(30_000);
        assertThat(answer)
                .startsWith("HTTP/1.1 408")
                .containsIgnoringCase("connection: close")
                .contains("\"status\":408");
        assertThat(truncated.closedWithin(30_000)).isTrue();
        assertThat(http.get("/owners").status()).isEqualTo(200);
        // counted and logged like every other answer
        Await.until(
                "the 408 counted", () -> http.get("/metrics").body(), metrics -> metrics.contains("status=\"408\""));
    }

    @Test
    void headersThatNeverEndAreClosed() throws Exception {
        RawHttp slow = open();
        slow.send("GET /owners HTTP/1.1\r\nHost: x\r\n");
        assertThat(slow.closedWithin(30_000)).isTrue();
    }

    private RawHttp open() {
        RawHttp connection = new RawHttp(running.port());
        connections.add(connection);
        return connection;
    }
}
