package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blueprint.runtime.Http;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The generated auto-shop service, driven over HTTP: every operation, route and status rule. */
abstract class AutoShopContract {

    static final String API = "/api/v1";

    protected abstract Http http();

    private static int counter;

    private static synchronized String vin() {
        counter++;
        String digits = String.format("%08d", counter)
                + UUID.randomUUID().toString().replaceAll("[^0-9]", "").substring(0, 6);
        return ("1HGCM" + digits + "XXXXXX").substring(0, 17);
    }

    private static String email() {
        return UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    String customer() {
        Http.Response r = http().post(API + "/customers", "{\"name\": \"Ann Lee\", \"email\": \"" + email() + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    String vehicle(String owner, int year) {
        Http.Response r = http().post(
                        API + "/vehicles",
                        "{\"owner\": \"" + owner + "\", \"vin\": \"" + vin()
                                + "\", \"make\": \"Volvo\", \"model\": \"V70\", \"year\": " + year + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    String appointment(String customer, String vehicle, String status) {
        String statusField = status == null ? "" : ", \"status\": \"" + status + "\"";
        Http.Response r = http().post(
                        API + "/appointments",
                        "{\"customer\": \"" + customer + "\", \"vehicle\": \"" + vehicle
                                + "\", \"starts_at\": \"2026-03-01T09:30:00Z\"" + statusField + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void customerCrudWithCreatedTimestamp() {
        String email = email();
        Instant before = Instant.now().minusSeconds(1);
        Http.Response created = http().post(
                        API + "/customers", "{\"name\": \"Ann\", \"email\": \"" + email + "\", \"phone\": \"+46 1\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode c = created.json();
        String id = c.get("id").asText();
        assertThat(created.header("Location")).isEqualTo(API + "/customers/" + id);
        Instant joined = Instant.parse(c.get("joined").asText());
        assertThat(joined).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(http().get(API + "/customers/" + id).json()).isEqualTo(c);

        Http.Response updated = http().put(
                        API + "/customers/" + id,
                        "{\"name\": \"Ann B\", \"email\": \"" + email + "\", \"joined\": \"2000-01-01T00:00:00Z\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("name").asText()).isEqualTo("Ann B");
        assertThat(updated.json().get("phone").isNull()).isTrue();
        assertThat(updated.json().get("joined").asText())
                .as("@created is read-only")
                .isEqualTo(c.get("joined").asText());

        assertThat(http().delete(API + "/customers/" + id).status()).isEqualTo(204);
        assertThat(http().get(API + "/customers/" + id).status()).isEqualTo(404);
        assertThat(http().delete(API + "/customers/" + id).status()).isEqualTo(404);
        assertThat(http().put(API + "/customers/" + id, "{\"name\": \"X\", \"email\": \"" + email() + "\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void validationListsEveryFailingField() {
        Http.Response r =
                http().post(API + "/customers", "{\"name\": \"\", \"email\": \"not-an-email\", \"phone\": 5}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactly("name", "email", "phone");

        Http.Response v = http().post(API + "/vehicles", "{\"owner\": \"nope\", \"vin\": \"short\", \"year\": 1800}");
        assertThat(v.status()).isEqualTo(422);
        fields.clear();
        v.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactly("owner", "vin", "make", "model", "year");
    }

    @Test
    void statusRules() {
        assertThat(http().post(API + "/customers", "{\"name\": ").status()).isEqualTo(400);
        assertThat(http().get(API + "/customers/not-a-uuid").status()).isEqualTo(400);
        assertThat(http().get(API + "/customers/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(http().get(API + "/nothing-here").status()).isEqualTo(404);
        Http.Response wrongMethod = http().delete(API + "/vehicles/" + UUID.randomUUID());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("GET, PUT");
        assertThat(http().send("PATCH", API + "/customers", "{}").header("Allow"))
                .isEqualTo("GET, POST");
        String huge = "{\"name\": \"" + "x".repeat(600_000) + "\"}";
        assertThat(http().post(API + "/customers", huge).status()).isEqualTo(413);
        assertThat(http().get(API + "/customers").header("X-Request-Id")).isNotBlank();
    }

    @Test
    void uniqueAndForeignKeyConflicts() {
        String email = email();
        assertThat(http().post(API + "/customers", "{\"name\": \"A\", \"email\": \"" + email + "\"}")
                        .status())
                .isEqualTo(201);
        Http.Response duplicate = http().post(API + "/customers", "{\"name\": \"B\", \"email\": \"" + email + "\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("detail").asText()).contains("email");

        Http.Response orphan = http().post(
                        API + "/vehicles",
                        "{\"owner\": \"" + UUID.randomUUID() + "\", \"vin\": \"" + vin()
                                + "\", \"make\": \"Saab\", \"model\": \"900\", \"year\": 1990}");
        assertThat(orphan.status()).isEqualTo(422);
        assertThat(orphan.json().get("errors").get(0).get("field").asText()).isEqualTo("owner");

        String owner = customer();
        vehicle(owner, 2001);
        Http.Response referenced = http().delete(API + "/customers/" + owner);
        assertThat(referenced.status()).isEqualTo(409);
    }

    @Test
    void routesFilterOrderAndFind() {
        String owner = customer();
        vehicle(owner, 1999);
        String newest = vehicle(owner, 2020);
        vehicle(owner, 2005);
        vehicle(customer(), 2010);
        JsonNode page = http().get(API + "/customers/" + owner + "/vehicles").json();
        List<Integer> years = new ArrayList<>();
        page.get("items").forEach(v -> years.add(v.get("year").asInt()));
        assertThat(years).containsExactly(2020, 2005, 1999);
        assertThat(page.get("limit").asInt()).isEqualTo(25);

        JsonNode v = http().get(API + "/vehicles/" + newest).json();
        Http.Response byVin =
                http().get(API + "/vehicles/by-vin/" + v.get("vin").asText());
        assertThat(byVin.json()).isEqualTo(v);
        assertThat(http().get(API + "/vehicles/by-vin/NOPE").status()).isEqualTo(404);

        String vehicle = newest;
        String scheduled = appointment(owner, vehicle, null);
        appointment(owner, vehicle, "COMPLETED");
        JsonNode byStatus =
                http().get(API + "/appointments/by-status?status=SCHEDULED").json();
        List<String> ids = new ArrayList<>();
        byStatus.get("items").forEach(a -> ids.add(a.get("id").asText()));
        assertThat(ids).contains(scheduled);
        byStatus.get("items").forEach(a -> assertThat(a.get("status").asText()).isEqualTo("SCHEDULED"));
        assertThat(http().get(API + "/appointments/by-status").status()).isEqualTo(400);
        assertThat(http().get(API + "/appointments/by-status?status=LOST").status())
                .isEqualTo(400);
    }

    @Test
    void pagingBounds() {
        for (int i = 0; i < 3; i++) customer();
        JsonNode firstTwo = http().get(API + "/customers?limit=2").json();
        assertThat(firstTwo.get("items")).hasSize(2);
        assertThat(firstTwo.get("hasMore").asBoolean()).isTrue();
        assertThat(http().get(API + "/customers?limit=200").status()).isEqualTo(200);
        assertThat(http().get(API + "/customers?limit=201").status()).isEqualTo(400);
        assertThat(http().get(API + "/customers?limit=0").status()).isEqualTo(400);
        assertThat(http().get(API + "/customers?offset=-1").status()).isEqualTo(400);
        assertThat(http().get(API + "/customers?offset=100000").json().get("items"))
                .isEmpty();
    }

    @Test
    void typesDefaultsAndUpdatedTimestampsRoundTrip() throws Exception {
        String owner = customer();
        String vehicle = vehicle(owner, 2015);
        Http.Response created = http().post(
                        API + "/appointments",
                        "{\"customer\": \"" + owner + "\", \"vehicle\": \"" + vehicle
                                + "\", \"starts_at\": \"2026-03-01T09:30:00.123456Z\", \"notes\": \"brakes \\u00e9\"}");
        JsonNode a = created.json();
        assertThat(a.get("status").asText()).as("default").isEqualTo("SCHEDULED");
        assertThat(a.get("starts_at").asText()).isEqualTo("2026-03-01T09:30:00.123456Z");
        assertThat(a.get("notes").asText()).isEqualTo("brakes \u00e9");
        Instant firstUpdate = Instant.parse(a.get("updated").asText());
        assertThat(http().get(API + "/appointments/" + a.get("id").asText()).json())
                .isEqualTo(a);
        // the update is stamped at a later instant: wait until the service's clock (microseconds) has moved on
        while (!Instant.now().truncatedTo(ChronoUnit.MICROS).isAfter(firstUpdate)) Thread.onSpinWait();
        JsonNode changed = http().put(
                        API + "/appointments/" + a.get("id").asText(),
                        "{\"customer\": \"" + owner + "\", \"vehicle\": \"" + vehicle
                                + "\", \"starts_at\": \"2026-03-02T10:00:00Z\", \"status\": \"IN_PROGRESS\"}")
                .json();
        assertThat(changed.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(Instant.parse(changed.get("updated").asText())).isAfter(firstUpdate);
        assertThat(changed.get("notes").isNull()).isTrue();

        Http.Response item = http().post(
                        API + "/service-items",
                        "{\"appointment\": \"" + a.get("id").asText()
                                + "\", \"description\": \"Pads\", \"price\": 1234.50}");
        assertThat(item.status()).as(item.toString()).isEqualTo(201);
        long itemId = item.json().get("id").asLong();
        assertThat(itemId).isPositive();
        assertThat(item.header("Location")).isEqualTo(API + "/service-items/" + itemId);
        JsonNode stored = http().get(API + "/service-items/" + itemId).json();
        assertThat(stored.get("price").decimalValue()).isEqualByComparingTo("1234.5");
        assertThat(http().post(
                                API + "/service-items",
                                "{\"appointment\": \"" + a.get("id").asText()
                                        + "\", \"description\": \"Pads\", \"price\": 1.234}")
                        .status())
                .isEqualTo(422);
        assertThat(http().put(API + "/service-items/" + itemId, "{}").status()).isEqualTo(405);
        assertThat(http().delete(API + "/service-items/" + itemId).status()).isEqualTo(204);

        Http.Response payment = http().post(
                        API + "/payments",
                        "{\"appointment\": \"" + a.get("id").asText() + "\", \"amount\": 0.00, \"method\": \"CARD\"}");
        assertThat(payment.status()).isEqualTo(422);
        Http.Response paid = http().post(
                        API + "/payments",
                        "{\"appointment\": \"" + a.get("id").asText() + "\", \"amount\": 99.99, \"method\": \"CARD\"}");
        assertThat(paid.status()).isEqualTo(201);
        assertThat(paid.json().get("method").asText()).isEqualTo("CARD");
        assertThat(http().get(API + "/payments/" + paid.json().get("id").asText())
                        .json())
                .isEqualTo(paid.json());
    }

    @Test
    void probesHealthMetricsAndOpenApi() {
        assertThat(http().get("/health/live").status()).isEqualTo(200);
        assertThat(http().get("/health/ready").status()).isEqualTo(200);
        assertThat(http().get("/health/startup").status()).isEqualTo(200);
        JsonNode health = http().get("/health").json();
        assertThat(health.get("version").asText()).isEqualTo("2.3.0");
        assertThat(health.get("stores").get("main").get("pool").get("max").asInt())
                .isEqualTo(20);
        http().get(API + "/customers");
        assertThat(http().get("/metrics").body())
                .contains("route=\"/api/v1/customers\"")
                .contains("hikaricp_connections");
        assertThat(http().get("/openapi.json").json().get("info").get("title").asText())
                .isEqualTo("AutoShop");
    }

    @Test
    void parallelCreatesAllLandAndARacedUniqueLandsOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            String owner = customer();
            List<Future<Integer>> creates = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                creates.add(pool.submit(() -> http().post(
                                API + "/vehicles",
                                "{\"owner\": \"" + owner + "\", \"vin\": \"" + vin()
                                        + "\", \"make\": \"Kia\", \"model\": \"Ceed\", \"year\": 2019}")
                        .status()));
            }
            for (Future<Integer> f : creates) assertThat(f.get()).isEqualTo(201);
            assertThat(http().get(API + "/customers/" + owner + "/vehicles?limit=200")
                            .json()
                            .get("items"))
                    .hasSize(32);

            for (int round = 0; round < 3; round++) {
                String email = email();
                List<Future<Integer>> race = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    race.add(pool.submit(
                            () -> http().post(API + "/customers", "{\"name\": \"R\", \"email\": \"" + email + "\"}")
                                    .status()));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : race) statuses.add(f.get());
                assertThat(statuses).containsExactlyInAnyOrder(201, 409);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
