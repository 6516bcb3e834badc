package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blueprint.build.InProcessService;
import dev.blueprint.runtime.Environment;
import dev.blueprint.runtime.Http;
import dev.blueprint.runtime.RunningService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names that are Java keywords, SQL reserved words, {@code Object} methods or runtime class names still give a
 * service that compiles cleanly and works: {@code class}, {@code order}, {@code select}, {@code hashCode},
 * entities called {@code Order}, {@code Request} and {@code Service}.
 */
class AwkwardNamesTest {

    @TempDir
    Path work;

    @Test
    void keywordsAndClashingNamesWorkInJavaSqlAndJson() throws Exception {
        Path blueprint = Path.of(AwkwardNamesTest.class
                .getResource("/blueprints/awkward-names.blueprint")
                .toURI());
        var files = Generator.generate(Blueprints.spec(blueprint));
        try (RunningService running = InProcessService.load(
                        files,
                        work,
                        Environment.of(Map.of(
                                "PORT",
                                "0",
                                "HOST",
                                "127.0.0.1",
                                "BLUEPRINT_EMBEDDED_DIR",
                                work.resolve("data").toString())))
                .start()) {
            Http http = new Http(running.uri());
            Http.Response first = http.post(
                    "/x/orders", "{\"class\": \"A\", \"order\": 1, \"hashCode\": 7, \"from_date\": \"2026-01-02\"}");
            assertThat(first.status()).as(first.toString()).isEqualTo(201);
            JsonNode order = first.json();
            assertThat(order.get("class").asText()).isEqualTo("A");
            assertThat(order.get("hashCode").asLong()).isEqualTo(7);
            assertThat(order.get("select").asBoolean()).isTrue();
            assertThat(order.get("status").asText()).isEqualTo("NEW");
            assertThat(order.get("from_date").asText()).isEqualTo("2026-01-02");
            assertThat(http.post("/x/orders", "{\"class\": \"A\"}")
                            .json()
                            .get("order")
                            .asInt())
                    .isEqualTo(3);

            List<Integer> orders = new ArrayList<>();
            http.get("/x/orders/by-class/A")
                    .json()
                    .get("items")
                    .forEach(o -> orders.add(o.get("order").asInt()));
            assertThat(orders).containsExactly(3, 1);

            String orderId = order.get("id").asText();
            Http.Response request = http.post("/x/requests", "{\"order\": \"" + orderId + "\", \"group\": 1.5}");
            assertThat(request.status()).as(request.toString()).isEqualTo(201);
            assertThat(http.get("/x/requests/by-order?order=" + orderId).json().get("items"))
                    .hasSize(1);
            assertThat(http.delete("/x/orders/" + orderId).status()).isEqualTo(409);

            assertThat(http.post("/x/services", "{\"label\": \"one\"}").status())
                    .isEqualTo(201);
            assertThat(http.post("/x/services", "{\"label\": \"one\"}").status())
                    .isEqualTo(409);
        }
    }
}
