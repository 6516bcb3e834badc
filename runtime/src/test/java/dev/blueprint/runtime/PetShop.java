package dev.blueprint.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A small service written the way the generator writes them, to test the runtime with. */
final class PetShop {

    record Owner(UUID id, String email, String name) {
        static final Field<String> EMAIL = Field.string("email", 100).pattern("[^@\\s]+@[^@\\s]+");
        static final Field<String> NAME = Field.string("name", 50).length(1, 50);

        static Owner map(Row row) throws java.sql.SQLException {
            return new Owner(row.uuid("id"), row.string("email"), row.string("name"));
        }
    }

    record Pet(
            long id,
            UUID owner,
            String name,
            BigDecimal weight,
            LocalDate born,
            Instant seen,
            @JsonProperty("added_at") Instant added) {
        static final Field<UUID> OWNER = Field.uuid("owner");
        static final Field<String> NAME = Field.string("name", 40);
        static final Field<BigDecimal> WEIGHT = Field.decimal("weight", 6, 2).optional();
        static final Field<LocalDate> BORN = Field.date("born").optional();
        static final Field<Instant> SEEN = Field.timestamp("seen").optional();

        static Pet map(Row row) throws java.sql.SQLException {
            return new Pet(
                    row.longInteger("id"),
                    row.uuid("owner"),
                    row.string("name"),
                    row.decimal("weight"),
                    row.date("born"),
                    row.timestamp("seen"),
                    row.timestamp("added"));
        }
    }

    static final class OwnerApi implements Api {
        private final Database db;

        OwnerApi(Database db) {
            this.db = db;
        }

        @Override
        public void register(Routes routes) {
            routes.get("/owners", this::list)
                    .get("/owners/{id}", this::get)
                    .get("/owners/by-email/{email}", this::byEmail)
                    .post("/owners", this::create)
                    .put("/owners/{id}", this::update)
                    .delete("/owners/{id}", this::delete);
        }

        private Reply list(Request request) {
            return Reply.ok(db.page(
                    "SELECT \"id\", \"email\", \"name\" FROM \"owner\" ORDER BY \"email\" LIMIT ? OFFSET ?",
                    Owner::map,
                    request.page()));
        }

        private Reply get(Request request) {
            UUID id = request.path("id", Param.UUID);
            return Reply.ok(
                    db.queryOne("SELECT \"id\", \"email\", \"name\" FROM \"owner\" WHERE \"id\" = ?", Owner::map, id)
                            .orElseThrow(() -> Problem.notFound("owner", id)));
        }

        private Reply byEmail(Request request) {
            String email = request.path("email", Param.STRING);
            return Reply.ok(db.queryOne(
                            "SELECT \"id\", \"email\", \"name\" FROM \"owner\" WHERE \"email\" = ?", Owner::map, email)
                    .orElseThrow(() -> Problem.notFound("owner", email)));
        }

        private Reply create(Request request) {
            JsonInput in = request.json();
            Owner owner = new Owner(UUID.randomUUID(), Owner.EMAIL.read(in), Owner.NAME.read(in));
            in.validate();
            db.update(
                    "INSERT INTO \"owner\" (\"id\", \"email\", \"name\") VALUES (?, ?, ?)",
                    owner.id(),
                    owner.email(),
                    owner.name());
            return Reply.created(owner, "/owners/" + owner.id());
        }

        private Reply update(Request request) {
            UUID id = request.path("id", Param.UUID);
            JsonInput in = request.json();
            Owner owner = new Owner(id, Owner.EMAIL.read(in), Owner.NAME.read(in));
            in.validate();
            int n = db.update(
                    "UPDATE \"owner\" SET \"email\" = ?, \"name\" = ? WHERE \"id\" = ?",
                    owner.email(),
                    owner.name(),
                    id);
            if (n == 0) throw Problem.notFound("owner", id);
            return Reply.ok(owner);
        }

        private Reply delete(Request request) {
            UUID id = request.path("id", Param.UUID);
            if (db.delete("DELETE FROM \"owner\" WHERE \"id\" = ?", id) == 0) throw Problem.notFound("owner", id);
            return Reply.noContent();
        }
    }

    static final class PetApi implements Api {
        private final Database db;

        PetApi(Database db) {
            this.db = db;
        }

        @Override
        public void register(Routes routes) {
            routes.get("/pets/{id}", this::get).post("/pets", this::create);
            routes.get(
                    "/pets/count",
                    request -> Reply.ok(java.util.Map.of(
                            "count",
                            db.queryOne("SELECT COUNT(*) AS \"n\" FROM \"pet\"", row -> row.longInteger("n"))
                                    .orElseThrow())));
            routes.get(
                    "/pets/seen-before",
                    request -> Reply.ok(db.query(
                            "SELECT * FROM \"pet\" WHERE \"seen\" < ? ORDER BY \"id\" LIMIT 5",
                            Pet::map,
                            request.query("at", Param.TIMESTAMP))));
            routes.get(
                    "/owners/{id}/pets",
                    request -> Reply.ok(db.page(
                            "SELECT * FROM \"pet\" WHERE \"owner\" = ? ORDER BY \"id\" LIMIT ? OFFSET ?",
                            Pet::map,
                            request.page().within(3),
                            request.path("id", Param.UUID))));
            routes.get("/hold", request -> {
                int ms = request.query("ms", Param.INT);
                return Reply.ok(db.transaction(sql -> {
                    sql.query("SELECT 1", row -> 1);
                    try {
                        Thread.sleep(ms);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return java.util.Map.of("held", ms);
                }));
            });
            routes.get(
                    "/db-sleep",
                    request -> Reply.ok(db.query("SELECT pg_sleep(?)", row -> 1, request.query("seconds", Param.INT))));
            routes.get("/boom", request -> {
                throw new IllegalStateException("secret internal detail");
            });
        }

        private Reply get(Request request) {
            long id = request.path("id", Param.LONG);
            return Reply.ok(db.queryOne("SELECT * FROM \"pet\" WHERE \"id\" = ?", Pet::map, id)
                    .orElseThrow(() -> Problem.notFound("pet", id)));
        }

        private Reply create(Request request) {
            JsonInput in = request.json();
            UUID owner = Pet.OWNER.read(in);
            String name = Pet.NAME.read(in);
            BigDecimal weight = Pet.WEIGHT.read(in);
            LocalDate born = Pet.BORN.read(in);
            Instant seen = Pet.SEEN.read(in);
            in.validate();
            Instant added = Instant.now().truncatedTo(ChronoUnit.MICROS);
            long id = db.insertReturningKey(
                    "INSERT INTO \"pet\" (\"owner\", \"name\", \"weight\", \"born\", \"seen\", \"added\")"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    "id",
                    owner,
                    name,
                    weight,
                    born,
                    seen,
                    added);
            return Reply.created(new Pet(id, owner, name, weight, born, seen, added), "/pets/" + id);
        }
    }

    private PetShop() {}

    static Service.Builder builder(StoreConfig store, java.util.Map<String, String> env) {
        return Service.builder("PetShop", "1.2.3")
                .environment(Environment.of(env))
                .server(server())
                .store(store.migrations("db/test")
                        .pool(PoolConfig.defaults().maxSize(4).connectTimeout(java.time.Duration.ofSeconds(1))))
                .probes(ProbeConfig.defaults().timeout(java.time.Duration.ofMillis(500)))
                .openApi("test-openapi.json");
    }

    /** The test service's server settings: small pages, a small body limit, a short drain. */
    static ServerConfig server() {
        return ServerConfig.defaults()
                .port(0)
                .ioThreads(1)
                .workerThreads(8)
                .maxBodyBytes(2000)
                .pageSize(2)
                .maxPageSize(5)
                .drainDelay(java.time.Duration.ofMillis(300))
                .shutdownGrace(java.time.Duration.ofSeconds(5));
    }

    static RunningService start(Service.Builder builder) {
        return start(builder.build());
    }

    /** Starts {@code service} with the pet shop's routes and {@code extra}'s. */
    static RunningService start(Service service, Api... extra) {
        service.register(new OwnerApi(service.database())).register(new PetApi(service.database()));
        for (Api api : extra) service.register(api);
        return service.start();
    }
}
