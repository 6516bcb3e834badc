package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blueprint.build.LocalService;
import dev.blueprint.runtime.Environment;
import dev.blueprint.runtime.Http;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task API (every default) and the multi-file inventory (imports, long keys, a second store name), on H2. */
class SmallServicesTest {

    @TempDir
    Path work;

    private LocalService.Started start(String blueprint) throws Exception {
        StringWriter errors = new StringWriter();
        return LocalService.start(
                Blueprints.valid(blueprint), work, Environment.of(Map.of("PORT", "0")), new PrintWriter(errors, true));
    }

    @Test
    void taskApiWithEveryDefault() throws Exception {
        try (LocalService.Started started = start("task-api.blueprint")) {
            Http http = new Http(started.service().uri());
            Http.Response created = http.post("/api/tasks", "{\"title\": \"Write tests\", \"due\": \"2026-12-24\"}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            JsonNode task = created.json();
            assertThat(task.get("status").asText()).isEqualTo("OPEN");
            assertThat(task.get("due").asText()).isEqualTo("2026-12-24");
            assertThat(task.get("added").asText()).endsWith("Z");
            String id = task.get("id").asText();
            assertThat(http.put("/api/tasks/" + id, "{\"title\": \"Done it\", \"status\": \"DONE\"}")
                            .json()
                            .get("due")
                            .isNull())
                    .isTrue();
            assertThat(http.get("/api/tasks/" + id).json().get("status").asText())
                    .isEqualTo("DONE");
            assertThat(http.post("/api/tasks", "{\"title\": \"\"}").status()).isEqualTo(422);
            assertThat(http.post("/api/tasks", "{\"title\": \"x\", \"due\": \"tomorrow\"}")
                            .status())
                    .isEqualTo(422);
            assertThat(http.post("/api/tasks", "{\"title\": \"x\", \"status\": \"LATER\"}")
                            .status())
                    .isEqualTo(422);
            assertThat(http.get("/api/tasks").json().get("limit").asInt()).isEqualTo(50);
            assertThat(http.get("/api/tasks?limit=501").status()).isEqualTo(400);
            assertThat(http.delete("/api/tasks/" + id).status()).isEqualTo(204);
            assertThat(Files.exists(work.resolve("data").resolve("main.mv.db"))).isTrue();
        }
    }

    @Test
    void inventoryAcrossImportsWithDatabaseKeys() throws Exception {
        try (LocalService.Started started = start("multi-file/inventory.blueprint")) {
            Http http = new Http(started.service().uri());
            Http.Response warehouse = http.post("/v2/warehouses", "{\"code\": \"STO1\", \"name\": \"Stockholm\"}");
            assertThat(warehouse.status()).as(warehouse.toString()).isEqualTo(201);
            long warehouseId = warehouse.json().get("id").asLong();
            assertThat(http.post("/v2/warehouses", "{\"code\": \"STO1\", \"name\": \"Again\"}")
                            .status())
                    .isEqualTo(409);
            assertThat(http.delete("/v2/warehouses/" + warehouseId).status()).isEqualTo(405);
            assertThat(http.get("/v2/warehouses/abc").status()).isEqualTo(400);

            Http.Response item = http.post(
                    "/v2/items", "{\"sku\": \"A-1\", \"warehouse\": " + warehouseId + ", \"quantity\": 12.125}");
            assertThat(item.status()).as(item.toString()).isEqualTo(201);
            assertThat(item.json().get("unit").asText()).isEqualTo("PIECE");
            assertThat(http.post("/v2/items", "{\"sku\": \"A-2\", \"warehouse\": 999999, \"quantity\": 1}")
                            .status())
                    .isEqualTo(422);
            assertThat(http.post(
                                    "/v2/items",
                                    "{\"sku\": \"A-3\", \"warehouse\": " + warehouseId + ", \"quantity\": -1}")
                            .status())
                    .isEqualTo(422);
            JsonNode items =
                    http.get("/v2/warehouses/" + warehouseId + "/items").json();
            assertThat(items.get("items")).hasSize(1);
            assertThat(items.get("items").get(0).get("quantity").decimalValue()).isEqualByComparingTo("12.125");
            assertThat(http.get("/health").json().get("stores").has("stock")).isTrue();
        }
    }
}
