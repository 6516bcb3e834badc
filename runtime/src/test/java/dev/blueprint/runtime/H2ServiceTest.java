package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The runtime on an embedded H2 file database, plus the HTTP behaviour that does not depend on the engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2ServiceTest extends ServiceContract {

    @TempDir
    static Path data;

    private RunningService running;
    private Http http;
    private Gate gate;

    @BeforeAll
    void start() {
        Service service = PetShop.builder(StoreConfig.h2("main", data), Map.of("HOST", "127.0.0.1"))
                .build();
        gate = new Gate(service.database());
        running = PetShop.start(service, gate);
        http = new Http(running.uri());
    }

    @AfterAll
    void stop() {
        running.stop();
    }

    @Override
    protected Http http() {
        return http;
    }

    @Test
    void theDatabaseIsAFileUnderTheDataDirectory() throws Exception {
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("main.mv.db");
        }
    }

    @Test
    void everyResponseCarriesARequestIdKeptFromTheRequest() {
        assertThat(http.get("/owners").header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(http.get("/nowhere").header("X-Request-Id")).isNotBlank();
        assertThat(http.get("/health/live").header("X-Request-Id")).isNotBlank();
        Http.Response kept = http.send("GET", "/owners", null, "X-Request-Id", "abc-123");
        assertThat(kept.header("X-Request-Id")).isEqualTo("abc-123");
        Http.Response insane = http.send("GET", "/owners", null, "X-Request-Id", "bad id with spaces");
        assertThat(insane.header("X-Request-Id")).isNotEqualTo("bad id with spaces");
    }

    @Test
    void unknownPathIs404Problem() {
        Http.Response response = http.get("/nowhere");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("title").asText()).isEqualTo("Not Found");
        assertThat(problem.get("instance").asText()).isEqualTo("/nowhere");
        assertThat(problem.get("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Http.Response response = http.send("PATCH", "/owners", "{}");
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET, POST");
        assertThat(http.delete("/pets/1").header("Allow")).isEqualTo("GET");
        assertThat(http.post("/health/live", "{}").status()).isEqualTo(405);
    }

    @Test
    void malformedJsonIs400() {
        assertThat(http.post("/owners", "{\"email\": ").status()).isEqualTo(400);
        assertThat(http.post("/owners", "[1, 2]").status()).isEqualTo(400);
        assertThat(http.post("/owners", "{} {}").status()).isEqualTo(400);
        Http.Response duplicate =
                http.post("/owners", "{\"email\": \"dup-key@example.com\", \"name\": \"A\", \"name\": \"B\"}");
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(400);
        assertThat(duplicate.json().get("detail").asText()).contains("name");
        assertThat(http.post(
                                "/owners",
                                "{\"email\": \"deep@example.com\", \"name\": " + "[".repeat(600) + "]".repeat(600)
                                        + "}")
                        .status())
                .isEqualTo(400);
        assertThat(http.send("POST", "/owners", null).status()).isEqualTo(400);
    }

    @Test
    void aBodyThatIsNotJsonIs415AndWritesNothing() {
        String body = "{\"email\": \"form@example.com\", \"name\": \"Form\"}";
        for (String type : new String[] {
            "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", "application/jsonx"
        }) {
            Http.Response response = http.send("POST", "/owners", body, "Content-Type", type);
            assertThat(response.status()).as(type).isEqualTo(415);
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        }
        Http.Response none = http.send("POST", "/owners", body, "Content-Type", "");
        assertThat(none.status()).isEqualTo(415);
        assertThat(http.get("/owners/by-email/form@example.com").status()).isEqualTo(404);
        assertThat(http.send(
                                "POST",
                                "/owners",
                                "{\"email\": \"json@example.com\", \"name\": \"J\"}",
                                "Content-Type",
                                "Application/JSON; charset=utf-8")
                        .status())
                .isEqualTo(201);
        assertThat(http.send(
                                "POST",
                                "/owners",
                                "{\"email\": \"merge@example.com\", \"name\": \"M\"}",
                                "Content-Type",
                                "application/merge-patch+json")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aClientThatExpects100ContinueIsToldToSendItsBody() throws Exception {
        String body = "{\"email\": \"continue@example.com\", \"name\": \"C\"}";
        try (RawHttp connection = new RawHttp(running.port())) {
            String interim = connection
                    .send("POST /owners HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Expect: 100-continue\r\nConnection: close\r\nContent-Length: " + body.length()
                            + "\r\n\r\n")
                    .read(2_000);
            assertThat(interim).startsWith("HTTP/1.1 100");
            assertThat(connection.send(body).read(10_000)).startsWith("HTTP/1.1 201");
        }
    }

    @Test
    void badPathParameterIs400() {
        Http.Response response = http.get("/owners/not-a-uuid");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).contains("'id'").contains("UUID");
    }

    @Test
    void bodyOverMaxBodyIs413() {
        String big = "{\"name\": \"" + "x".repeat(3000) + "\"}";
        Http.Response response = http.post("/owners", big);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void validationIs422ListingEveryFailingField() {
        Http.Response response = http.post("/owners", "{\"email\": \"no-at-sign\", \"name\": \"\"}");
        assertThat(response.status()).isEqualTo(422);
        JsonNode errors = response.json().get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("email");
        assertThat(errors.get(1).get("field").asText()).isEqualTo("name");

        Http.Response missing = http.post("/pets", "{\"weight\": \"heavy\", \"born\": \"yesterday\"}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("errors")).hasSize(4);
    }

    @Test
    void noStackTraceReachesTheClient() {
        Http.Response response = http.get("/boom");
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body())
                .doesNotContain("secret")
                .doesNotContain("Exception")
                .doesNotContain("at dev.");
    }

    @Test
    void probesAndHealth() {
        assertThat(http.get("/health/live").status()).isEqualTo(200);
        assertThat(http.get("/health/startup").status()).isEqualTo(200);
        Http.Response ready = http.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("checks").get("main").asText()).isEqualTo("ok");
        JsonNode health = http.get("/health").json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("version").asText()).isEqualTo("1.2.3");
        JsonNode pool = health.get("stores").get("main").get("pool");
        assertThat(pool.get("max").asInt()).isEqualTo(4);
        assertThat(pool.has("active") && pool.has("idle") && pool.has("waiting"))
                .isTrue();
    }

    @Test
    void readinessStaysUpWhileEveryConnectionIsBusy() throws Exception {
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            // six requests for the pool's four connections: four hold one, two wait for one
            java.util.List<java.util.concurrent.Future<Http.Response>> holds = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) holds.add(clients.submit(() -> http.get("/gate/connection")));
            gate.awaitHeld(4);
            assertThat(http.get("/health").json().at("/stores/main/pool/active").asInt())
                    .isEqualTo(4);
            // readiness does not wait for a connection (it would fail at the probe timeout): it answers 200, from a
            // check that counts the busy pool as answering once the result cached before is out of date
            Http.Response ready = Await.until(
                    "readiness checking the busy pool",
                    () -> http.get("/health/ready"),
                    answer -> answer.status() != 200
                            || answer.json().at("/checks/main").asText().equals("ok (all connections busy)"));
            assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
            gate.open();
            for (var hold : holds) assertThat(hold.get().status()).isIn(200, 503);
            // connections free again, a fresh check takes one (and the service is left as the other tests expect it)
            Await.until(
                    "readiness checking with a connection again",
                    () -> http.get("/health/ready"),
                    answer -> answer.status() == 200
                            && answer.json().at("/checks/main").asText().equals("ok"));
        } finally {
            gate.open();
            clients.shutdownNow();
        }
    }

    @Test
    void metricsArePrometheusTextWithRoutesPoolsAndJvm() {
        http.get("/owners");
        Http.Response metrics = http.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/owners\",status=\"200\"}")
                .contains("http_server_requests_seconds_bucket{")
                .contains("hikaricp_connections_active{pool=\"main\"}")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void openApiIsServed() {
        Http.Response response = http.get("/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("openapi").asText()).isEqualTo("3.1.0");
    }
}
