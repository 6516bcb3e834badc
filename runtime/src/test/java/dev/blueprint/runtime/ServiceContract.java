package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every store engine must give the same: drives {@link PetShop} over HTTP. */
abstract class ServiceContract {

    protected abstract Http http();

    private String newOwner(String email) {
        Http.Response created = http().post("/owners", "{\"email\": \"" + email + "\", \"name\": \"Ann\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void crudRoundTrip() {
        String email = unique("crud");
        Http.Response created = http().post("/owners", "{\"email\": \"" + email + "\", \"name\": \"Ann\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/owners/" + id);

        Http.Response got = http().get("/owners/" + id);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().get("email").asText()).isEqualTo(email);
        assertThat(got.header("Content-Type")).isEqualTo("application/json");

        Http.Response updated = http().put("/owners/" + id, "{\"email\": \"" + email + "\", \"name\": \"Bea\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(http().get("/owners/" + id).json().get("name").asText()).isEqualTo("Bea");

        assertThat(http().delete("/owners/" + id).status()).isEqualTo(204);
        Http.Response gone = http().get("/owners/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(http().delete("/owners/" + id).status()).isEqualTo(404);
        assertThat(http().put("/owners/" + id, "{\"email\": \"" + email + "\", \"name\": \"Bea\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void typesRoundTripThroughTheDatabase() {
        String owner = newOwner(unique("types"));
        Http.Response created = http().post(
                        "/pets",
                        "{\"owner\": \"" + owner
                                + "\", \"name\": \"Rex\", \"weight\": 12.50, \"born\": \"2020-02-29\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode pet = created.json();
        assertThat(pet.get("id").asLong()).isPositive();
        Http.Response got = http().get("/pets/" + pet.get("id").asLong());
        assertThat(got.json()).isEqualTo(pet);
        assertThat(got.json().get("weight").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(got.json().get("born").asText()).isEqualTo("2020-02-29");
        assertThat(got.json().get("added_at").asText()).endsWith("Z");
    }

    @Test
    void uniqueViolationIs409NamingTheField() {
        String email = unique("dup");
        newOwner(email);
        Http.Response again = http().post("/owners", "{\"email\": \"" + email + "\", \"name\": \"Other\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asText()).contains("email");
    }

    @Test
    void referenceToMissingRowIs422AndDeletingReferencedRowIs409() {
        Http.Response orphan = http().post("/pets", "{\"owner\": \"" + UUID.randomUUID() + "\", \"name\": \"Rex\"}");
        assertThat(orphan.status()).isEqualTo(422);
        assertThat(orphan.json().get("errors").get(0).get("field").asText()).isEqualTo("owner");

        String owner = newOwner(unique("fk"));
        assertThat(http().post("/pets", "{\"owner\": \"" + owner + "\", \"name\": \"Rex\"}")
                        .status())
                .isEqualTo(201);
        Http.Response delete = http().delete("/owners/" + owner);
        assertThat(delete.status()).isEqualTo(409);
        assertThat(http().get("/owners/" + owner).status()).isEqualTo(200);
    }

    @Test
    void checkConstraintIs422() {
        String owner = newOwner(unique("check"));
        Http.Response negative =
                http().post("/pets", "{\"owner\": \"" + owner + "\", \"name\": \"Rex\", \"weight\": -1}");
        assertThat(negative.status()).isEqualTo(422);
        assertThat(negative.json().get("errors").get(0).get("field").asText()).isEqualTo("weight");
    }

    /** A 422 problem naming {@code field} alone. */
    private static void rejects(Http.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.json().get("errors")).hasSize(1);
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo(field);
    }

    private int countPets() {
        return http().get("/pets/count").json().get("count").asInt();
    }

    @Test
    void valuesEitherDatabaseCannotStoreAre422NamingTheField() {
        String owner = newOwner(unique("store"));
        int before = countPets();
        // PostgreSQL refuses NUL in text; a lone surrogate has no UTF-8 form
        rejects(http().post("/pets", "{\"owner\": \"" + owner + "\", \"name\": \"a\\u0000b\"}"), "name");
        rejects(http().post("/pets", "{\"owner\": \"" + owner + "\", \"name\": \"a\\ud800b\"}"), "name");
        // both databases store instants of years 1 to 9999 only the same way (PostgreSQL: -infinity before 4713 BC)
        for (String instant : List.of(
                "+294277-01-01T00:00:00Z",
                "-4714-11-24T00:00:00Z",
                "-0001-06-01T00:00:00Z",
                "+10000-01-01T00:00:00Z")) {
            rejects(
                    http().post(
                                    "/pets",
                                    "{\"owner\": \"" + owner + "\", \"name\": \"Rex\", \"seen\": \"" + instant + "\"}"),
                    "seen");
        }
        rejects(
                http().post("/pets", "{\"owner\": \"" + owner + "\", \"name\": \"Rex\", \"born\": \"+5874898-01-01\"}"),
                "born");
        // a number whose exponent overflows, anywhere in the body
        rejects(
                http().post("/pets", "{\"owner\": \"" + owner + "\", \"name\": \"Rex\", \"weight\": 1e2147483648}"),
                "weight");
        Http.Response hugeElsewhere =
                http().post("/pets", "{\"owner\": \"" + owner + "\", \"name\": \"Rex\", \"extra\": 1e2147483648}");
        assertThat(hugeElsewhere.status()).as(hugeElsewhere.toString()).isIn(201, 400, 422);
        // string(40) counts UTF-16 units, as H2 does: 40 astral characters are 80 units
        String astral = "\uD83D\uDE00".repeat(40);
        rejects(http().post("/pets", "{\"owner\": \"" + owner + "\", \"name\": \"" + astral + "\"}"), "name");
        String fits = "\uD83D\uDE00".repeat(20);
        Http.Response stored = http().post("/pets", "{\"owner\": \"" + owner + "\", \"name\": \"" + fits + "\"}");
        assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
        assertThat(http().get("/pets/" + stored.json().get("id").asLong())
                        .json()
                        .get("name")
                        .asText())
                .isEqualTo(fits);
        // the edges themselves are stored and read back as they were sent
        for (String instant : List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z")) {
            Http.Response edge = http().post(
                            "/pets",
                            "{\"owner\": \"" + owner + "\", \"name\": \"Rex\", \"seen\": \"" + instant + "\"}");
            assertThat(edge.status()).as(edge.toString()).isEqualTo(201);
            assertThat(Instant.parse(http().get("/pets/" + edge.json().get("id").asLong())
                            .json()
                            .get("seen")
                            .asText()))
                    .isEqualTo(Instant.parse(instant));
        }
        assertThat(countPets()).isEqualTo(before + 3);
    }

    @Test
    void parametersEitherDatabaseCannotTakeAre400NamingTheParameter() {
        Http.Response nul = http().get("/owners/by-email/a%00b");
        assertThat(nul.status()).as(nul.toString()).isEqualTo(400);
        assertThat(nul.json().get("detail").asText()).contains("'email'");
        assertThat(http().get("/owners/by-email/nobody@example.com").status()).isEqualTo(404);
        Http.Response far = http().get("/pets/seen-before?at=%2B294277-01-01T00:00:00Z");
        assertThat(far.status()).as(far.toString()).isEqualTo(400);
        assertThat(far.json().get("detail").asText()).contains("'at'");
        assertThat(http().get("/pets/seen-before?at=2026-01-01T00:00:00Z").status())
                .isEqualTo(200);
    }

    @Test
    void pagingHonoursDefaultsBoundsAndRouteLimits() {
        String owner = newOwner(unique("page"));
        for (int i = 0; i < 5; i++) {
            assertThat(http().post("/pets", "{\"owner\": \"" + owner + "\", \"name\": \"p" + i + "\"}")
                            .status())
                    .isEqualTo(201);
        }
        JsonNode first = http().get("/owners/" + owner + "/pets").json();
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("limit").asInt()).isEqualTo(2);
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        // the route returns at most 3 rows in all
        JsonNode capped = http().get("/owners/" + owner + "/pets?limit=5").json();
        assertThat(capped.get("items")).hasSize(3);
        assertThat(capped.get("hasMore").asBoolean()).isFalse();
        assertThat(http().get("/owners/" + owner + "/pets?limit=2&offset=2")
                        .json()
                        .get("items"))
                .hasSize(1);
        assertThat(http().get("/owners/" + owner + "/pets?offset=3").json().get("items"))
                .isEmpty();
        assertThat(http().get("/owners?limit=6").status()).isEqualTo(400);
        assertThat(http().get("/owners?limit=0").status()).isEqualTo(400);
        assertThat(http().get("/owners?offset=-1").status()).isEqualTo(400);
        assertThat(http().get("/owners?limit=abc").json().get("detail").asText())
                .contains("limit");
    }

    @Test
    void parallelCreatesAllLandAndARacedUniqueKeyLandsOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            String prefix = "par" + UUID.randomUUID().toString().substring(0, 6);
            List<Future<Integer>> creates = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String email = prefix + "-" + i + "@example.com";
                creates.add(pool.submit(() -> http().post("/owners", "{\"email\": \"" + email + "\", \"name\": \"N\"}")
                        .status()));
            }
            for (Future<Integer> f : creates) assertThat(f.get()).isEqualTo(201);

            String raced = unique("race");
            List<Future<Integer>> race = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                race.add(pool.submit(() -> http().post("/owners", "{\"email\": \"" + raced + "\", \"name\": \"N\"}")
                        .status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : race) statuses.add(f.get());
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        } finally {
            pool.shutdownNow();
        }
    }
}
