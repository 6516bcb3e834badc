package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probes, /health and /metrics on a listener of their own. */
class ManagementPortTest {

    private static final List<String> MANAGEMENT_PATHS =
            List.of("/health/live", "/health/ready", "/health/startup", "/health", "/metrics");

    @TempDir
    Path data;

    @Test
    void probesAndMetricsAnswerOnlyOnTheManagementPortAndDataOnlyOnTheMainPort() {
        Service.Builder builder = PetShop.builder(StoreConfig.h2("main", data), Map.of("HOST", "127.0.0.1"))
                .server(PetShop.server().managementPort(0));
        RunningService running = PetShop.start(builder);
        int port = running.port();
        int managementPort = running.managementPort();
        try {
            assertThat(managementPort).isNotEqualTo(port).isPositive();
            Http main = new Http(running.uri());
            Http management = new Http(running.managementUri());

            for (String path : MANAGEMENT_PATHS) {
                Http.Response answer = management.get(path);
                assertThat(answer.status()).as("management " + path).isEqualTo(200);
                assertThat(answer.header("X-Content-Type-Options"))
                        .as("security headers on the management port")
                        .isEqualTo("nosniff");
                Http.Response onMain = main.get(path);
                assertThat(onMain.status()).as("main " + path).isEqualTo(404);
                assertThat(onMain.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(onMain.json().get("instance").asText()).isEqualTo(path);
                assertThat(onMain.json().get("requestId").asText()).isEqualTo(onMain.header("X-Request-Id"));
            }
            assertThat(management.get("/metrics").body()).contains("http_server_requests_seconds");
            assertThat(management
                            .get("/health")
                            .json()
                            .get("stores")
                            .get("main")
                            .get("status")
                            .asText())
                    .isEqualTo("UP");
            assertThat(management.post("/health/live", "{}").status()).isEqualTo(405);

            assertThat(main.get("/owners").status()).isEqualTo(200);
            assertThat(main.get("/openapi.json").status()).isEqualTo(200);
            assertThat(management.get("/owners").status()).isEqualTo(404);
            assertThat(management.get("/openapi.json").status()).isEqualTo(404);
            assertThat(management.get("/nowhere").status()).isEqualTo(404);
        } finally {
            running.stop();
        }
        assertThat(accepts(port)).as("main port closed").isFalse();
        assertThat(accepts(managementPort)).as("management port closed").isFalse();
    }

    @Test
    void duringTheDrainTheManagementPortReportsNotReadyAndStillLive() throws Exception {
        Service.Builder builder = PetShop.builder(StoreConfig.h2("main", data), Map.of("HOST", "127.0.0.1"))
                .server(PetShop.server().managementPort(0).drainDelay(java.time.Duration.ofMillis(1500)));
        RunningService running = PetShop.start(builder);
        Http management = new Http(running.managementUri());
        assertThat(management.get("/health/ready").status()).isEqualTo(200);
        java.util.concurrent.CompletableFuture<Void> stopping =
                java.util.concurrent.CompletableFuture.runAsync(running::stop);
        Await.until("stopping", () -> !running.isReady());
        assertThat(management.get("/health/ready").status())
                .as("readiness on the management port once stopping")
                .isEqualTo(503);
        assertThat(management.get("/health/live").status()).isEqualTo(200);
        assertThat(new Http(running.uri()).get("/owners").status())
                .as("the main port still serves during the drain")
                .isEqualTo(200);
        stopping.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(accepts(running.managementPort())).isFalse();
    }

    @Test
    void withoutAManagementPortEverythingSharesTheMainPort() {
        try (RunningService running =
                PetShop.start(PetShop.builder(StoreConfig.h2("main", data), Map.of("HOST", "127.0.0.1")))) {
            assertThat(running.managementPort()).isEqualTo(running.port());
            assertThat(running.managementUri()).isEqualTo(running.uri());
            Http http = new Http(running.uri());
            for (String path : MANAGEMENT_PATHS)
                assertThat(http.get(path).status()).as(path).isEqualTo(200);
            assertThat(http.get("/owners").status()).isEqualTo(200);
        }
    }

    @Test
    void theEnvironmentSetsTheManagementPort() {
        Service service = PetShop.builder(
                        StoreConfig.h2("main", data), Map.of("HOST", "127.0.0.1", "MANAGEMENT_PORT", "0"))
                .build();
        assertThat(service.serverConfig().managementPort()).isEqualTo(OptionalInt.of(0));
        service.register(new PetShop.OwnerApi(service.database()));
        try (RunningService running = service.start()) {
            assertThat(running.managementPort()).isNotEqualTo(running.port());
            assertThat(new Http(running.managementUri()).get("/health/ready").status())
                    .isEqualTo(200);
            assertThat(new Http(running.uri()).get("/health/ready").status()).isEqualTo(404);
        }
    }

    @Test
    void theManagementPortIsAbsentByDefaultAndValidated() {
        assertThat(ServerConfig.defaults().managementPort()).isEmpty();
        assertThat(ServerConfig.defaults().managementPort(9090).managementPort())
                .hasValue(9090);
        assertThat(ServerConfig.defaults()
                        .managementPort(9090)
                        .sharedManagementPort()
                        .managementPort())
                .isEmpty();
        assertThatThrownBy(() -> ServerConfig.defaults().port(9090).managementPort(9090))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ from the port");
        assertThatThrownBy(() -> ServerConfig.defaults().managementPort(70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..65535");
        assertThat(ServerConfig.defaults().port(0).managementPort(0).managementPort())
                .hasValue(0);
        // the environment moves both ports at once: swapping them is not refused half-way
        ServerConfig swapped = ServerConfig.defaults()
                .port(8080)
                .managementPort(9090)
                .withEnvironment(Environment.of(Map.of("PORT", "9090", "MANAGEMENT_PORT", "8080")));
        assertThat(swapped.port()).isEqualTo(9090);
        assertThat(swapped.managementPort()).hasValue(8080);
        assertThatThrownBy(
                        () -> ServerConfig.defaults().withEnvironment(Environment.of(Map.of("MANAGEMENT_PORT", "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MANAGEMENT_PORT");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
