package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.build.InProcessService;
import dev.blueprint.runtime.Environment;
import dev.blueprint.runtime.Http;
import dev.blueprint.runtime.Json;
import dev.blueprint.runtime.Postgres;
import dev.blueprint.runtime.RunningService;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated auto-shop on PostgreSQL under faults: its backends killed again and again while a bounded load runs,
 * its pool held by a lock, and the service SIGKILLed after acknowledged writes and started again on the same database.
 * Each test prints its figures (requests, failures by kind, recovery times) to the test's output; with
 * {@code -Dblueprint.faults.rounds=N} the kill storm runs N rounds instead of {@value #DEFAULT_ROUNDS} and with
 * {@code -Dblueprint.faults.writes=N} the SIGKILL test waits for N acknowledged writes (see
 * {@code bench/results/2026-12-04/faults.md}). The bounds on waiting are failure timeouts, never what is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresFaultsTest {

    private static final String API = "/api/v1";
    private static final String ADMIN_URL = "jdbc:postgresql://" + Postgres.HOST + ":" + Postgres.PORT + "/postgres";
    private static final int DEFAULT_ROUNDS = 8;
    private static final int ROUNDS = Integer.getInteger("blueprint.faults.rounds", DEFAULT_ROUNDS);
    private static final int WRITES = Integer.getInteger("blueprint.faults.writes", 150);
    private static final long SEED = Long.getLong("blueprint.faults.seed", 17);
    /** The pool of the service under test: smaller than the blueprint's, PostgreSQL's connections are shared. */
    private static final int POOL = 8;

    private static final int CLIENTS = 6;
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private Postgres postgres;
    private Map<String, String> files;
    private RunningService running;
    private Http http;

    @BeforeAll
    void start() throws Exception {
        postgres = Postgres.fresh();
        files = Generator.generate(Blueprints.spec(Blueprints.valid("auto-shop.blueprint")));
        // compiles into work/classes, which the SIGKILL test's child JVMs run too
        running = InProcessService.load(files, work, Environment.of(environment(postgres)))
                .start();
        http = new Http(running.uri());
    }

    @AfterAll
    void stop() throws Exception {
        if (running != null) running.stop();
        if (postgres != null) postgres.close();
    }

    private static Map<String, String> environment(Postgres database) {
        Map<String, String> env = LoopbackEnvironment.onPostgres(database.url());
        env.put("DATABASE_POOL_MAX_SIZE", Integer.toString(POOL));
        env.put("DATABASE_POOL_MIN_IDLE", Integer.toString(POOL / 2));
        return Map.copyOf(env);
    }

    // ---- backends killed under load ----

    /** One answer to one attempt of a request; status 0 when none came (the exception in {@code error}). */
    private record Outcome(
            String kind,
            int attempt,
            long startNanos,
            long endNanos,
            int status,
            String type,
            String detail,
            String error) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String describe() {
            return kind + " attempt " + attempt + ": " + (status == 0 ? error : status + " " + type + " " + detail);
        }
    }

    /** One round of the storm: when it ran and how many backends it terminated. */
    private record Kill(long atNanos, int terminated) {}

    /** A request a client sends, again once when it is answered 503. */
    private record Call(String kind, String method, String path, String body) {}

    private record Customer(String id, String email) {}

    @Test
    void killedBackendsFailOnlyTheRequestsOnThemWith503AndThePoolRecoversByItself() throws Exception {
        List<Customer> seeded = new ArrayList<>();
        for (int i = 0; i < 20; i++) seeded.add(createCustomer(http, "seed-" + i));
        Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        Queue<Http.Response> readiness = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger successes = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 1);
        List<Kill> kills = new ArrayList<>();
        long stormEnded;
        try {
            List<Future<?>> load = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                load.add(threads.submit(() -> client(client, seeded, outcomes, successes, stop)));
            }
            load.add(threads.submit(() -> {
                for (int i = 0; i < 10_000 && !stop.get(); i++) {
                    readiness.add(http.get("/health/ready"));
                    Thread.sleep(50);
                }
                return null;
            }));
            awaitCondition("the load is running", () -> successes.get() >= 20);
            Random random = new Random(SEED);
            try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", "")) {
                for (int round = 0; round < ROUNDS; round++) {
                    Thread.sleep(100 + random.nextInt(300));
                    kills.add(new Kill(System.nanoTime(), terminateBackends(admin, postgres.name())));
                }
            }
            stormEnded = System.nanoTime();
            // the load goes on past the last kill, so the requests after it show the pool recovered
            awaitCondition(
                    "requests succeed after the last kill",
                    () -> outcomes.stream()
                                    .filter(o -> o.startNanos() > stormEnded && o.ok())
                                    .count()
                            >= CLIENTS * 5);
            stop.set(true);
            for (Future<?> f : load) f.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            threads.shutdownNow();
        }

        List<Outcome> all = List.copyOf(outcomes);
        assertThat(all)
                .filteredOn(o -> o.status() == 0)
                .as("requests never answered (a hang or a reset)")
                .extracting(Outcome::describe)
                .isEmpty();
        assertThat(all)
                .filteredOn(o -> o.status() >= 500 && o.status() != 503)
                .as("answered 500 (or another 5xx than 503)")
                .extracting(Outcome::describe)
                .isEmpty();
        assertThat(all)
                .filteredOn(o -> !expected(o))
                .as("answers other than 2xx, 503 (and 409 for a create retried after it committed)")
                .extracting(Outcome::describe)
                .isEmpty();
        assertThat(all)
                .filteredOn(o -> o.status() == 503)
                .as("every 503 is a problem saying the database is unavailable")
                .allSatisfy(o -> {
                    assertThat(o.type()).isEqualTo("application/problem+json");
                    assertThat(o.detail()).isEqualTo("the database 'main' is unavailable; retry later");
                });
        int terminated = kills.stream().mapToInt(Kill::terminated).sum();
        long failed = all.stream().filter(o -> o.status() == 503).count();
        assertThat(terminated).as("the storm terminated the pool's backends").isPositive();
        assertThat(failed)
                .as("each terminated backend fails at most the one request on it: the pool never hands it out again")
                .isLessThanOrEqualTo(terminated);
        assertThat(failuresWithoutANewKill(all, kills))
                .as("requests sent after a failure was answered fail only when a kill came after that failure was sent:"
                        + " the pool drops every connection the kills may have broken once it sees one fail")
                .extracting(Outcome::describe)
                .isEmpty();

        assertThat(readiness)
                .as("readiness answers 200, or 503 naming the store, during the storm")
                .allSatisfy(r -> {
                    assertThat(r.status()).isIn(200, 503);
                    if (r.status() == 503)
                        assertThat(r.json().get("detail").asText()).contains("store main");
                });
        awaitCondition("ready after the storm", () -> http.get("/health/ready").status() == 200);
        assertThat(http.get("/health").json().at("/stores/main/status").asText())
                .isEqualTo("UP");

        report(kills, all, List.copyOf(readiness), stormEnded);
    }

    private Void client(
            int client, List<Customer> seeded, Queue<Outcome> outcomes, AtomicInteger successes, AtomicBoolean stop) {
        Random random = new Random(SEED * 31 + client);
        // stopped by the test once the storm is over; the bound only keeps a run that goes wrong finite
        for (int n = 0; n < 10_000 + 1_000 * ROUNDS && !stop.get(); n++) {
            Customer someone = seeded.get(random.nextInt(seeded.size()));
            Call call = switch (random.nextInt(4)) {
                case 0 -> new Call("list", "GET", API + "/customers?limit=5", null);
                case 1 -> new Call("get", "GET", API + "/customers/" + someone.id(), null);
                case 2 ->
                    new Call(
                            "create",
                            "POST",
                            API + "/customers",
                            customerJson("load " + n, "load-" + client + "-" + n + "@example.com"));
                default ->
                    new Call(
                            "update",
                            "PUT",
                            API + "/customers/" + someone.id(),
                            customerJson("updated " + n, someone.email()));
            };
            Outcome first = send(call, 1);
            outcomes.add(first);
            if (first.ok()) successes.incrementAndGet();
            if (first.status() == 503) outcomes.add(send(call, 2));
        }
        return null;
    }

    private Outcome send(Call call, int attempt) {
        long start = System.nanoTime();
        try {
            Http.Response r = http.send(call.method(), call.path(), call.body());
            String detail = "";
            if ("application/problem+json".equals(r.header("Content-Type"))) {
                detail = r.json().path("detail").asText();
            }
            return new Outcome(
                    call.kind(), attempt, start, System.nanoTime(), r.status(), r.header("Content-Type"), detail, null);
        } catch (RuntimeException e) {
            return new Outcome(
                    call.kind(), attempt, start, System.nanoTime(), 0, null, null, e + " caused by " + rootCause(e));
        }
    }

    /**
     * The failures no kill explains: a failure is explained by a kill after the latest failure answered before it was
     * sent (or by any kill before it, when none was), since answering that failure evicted every connection the pool
     * held then.
     */
    private static List<Outcome> failuresWithoutANewKill(List<Outcome> all, List<Kill> kills) {
        List<Outcome> failures = all.stream().filter(o -> o.status() == 503).toList();
        List<Outcome> unexplained = new ArrayList<>();
        for (Outcome failure : failures) {
            long since = failures.stream()
                    .filter(o -> o.endNanos() < failure.startNanos())
                    .mapToLong(Outcome::startNanos)
                    .max()
                    .orElse(Long.MIN_VALUE);
            if (kills.stream().noneMatch(k -> k.atNanos() > since && k.atNanos() < failure.endNanos()))
                unexplained.add(failure);
        }
        return unexplained;
    }

    private static boolean expected(Outcome o) {
        if (o.ok() || o.status() == 503) return true;
        // a create answered 503 may have committed before its connection died; sent again, its email is taken
        return o.status() == 409 && o.kind().equals("create") && o.attempt() == 2;
    }

    /** Terminates every backend of {@code database} but the caller's; how many it terminated. */
    private static int terminateBackends(Connection admin, String database) throws SQLException {
        int terminated = 0;
        try (var statement = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
            statement.setString(1, database);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) if (rs.getBoolean(1)) terminated++;
            }
        }
        return terminated;
    }

    /** The storm's figures, for bench/results/2026-12-04/faults.md. */
    private static void report(List<Kill> kills, List<Outcome> all, List<Http.Response> readiness, long stormEnded) {
        List<Long> recoveries = new ArrayList<>();
        for (Kill kill : kills) {
            all.stream()
                    .filter(o -> o.startNanos() > kill.atNanos() && o.ok())
                    .mapToLong(o -> o.endNanos() - kill.atNanos())
                    .min()
                    .ifPresent(recoveries::add);
        }
        recoveries.sort(null);
        Map<String, Long> byKind = new TreeMap<>(all.stream()
                .collect(Collectors.groupingBy(
                        o -> o.kind() + " attempt " + o.attempt() + " " + (o.status() == 0 ? "no answer" : o.status()),
                        Collectors.counting())));
        Map<String, Long> ready = new TreeMap<>(readiness.stream()
                .collect(Collectors.groupingBy(
                        r -> r.status() == 200
                                ? "200"
                                : r.status() + " " + r.json().path("detail").asText(),
                        Collectors.counting())));
        System.out.printf(
                "faults: kill storm: %d rounds, %d backends terminated, %d requests (%d during the storm), %d answered"
                        + " 503%n",
                kills.size(),
                kills.stream().mapToInt(Kill::terminated).sum(),
                all.size(),
                all.stream().filter(o -> o.startNanos() <= stormEnded).count(),
                all.stream().filter(o -> o.status() == 503).count());
        long inFlight = all.stream()
                .filter(o -> o.status() == 503)
                .filter(o -> kills.stream().anyMatch(k -> o.startNanos() < k.atNanos() && k.atNanos() < o.endNanos()))
                .count();
        System.out.printf(
                "faults: of the 503s, %d were in flight at a kill, %d sent after one%n",
                inFlight, all.stream().filter(o -> o.status() == 503).count() - inFlight);
        System.out.println("faults: answers by request kind, attempt and status: " + byKind);
        System.out.println("faults: readiness answers during the storm: " + ready);
        if (!recoveries.isEmpty()) {
            System.out.printf(
                    "faults: from a kill to the first success of a request sent after it (ms): median %.1f, max %.1f%n",
                    recoveries.get(recoveries.size() / 2) / 1e6, recoveries.get(recoveries.size() - 1) / 1e6);
        }
    }

    // ---- the pool held by a lock ----

    @Test
    void livenessAnswers200WhileEveryConnectionIsHeldByALock() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(POOL + 2);
        List<Future<Http.Response>> held = new ArrayList<>();
        try (Connection lock = DriverManager.getConnection(postgres.url(), "postgres", "")) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE \"customer\" IN ACCESS EXCLUSIVE MODE");
            }
            // the pool's connections each wait on the lock for a request; two more requests wait for a connection
            for (int i = 0; i < POOL + 2; i++) held.add(clients.submit(() -> http.get(API + "/customers")));
            awaitCondition(
                    "every connection held",
                    () -> http.get("/health")
                                    .json()
                                    .at("/stores/main/pool/active")
                                    .asInt()
                            == POOL);
            for (int i = 0; i < 5; i++) {
                assertThat(http.get("/health/live").status()).isEqualTo(200);
                Thread.sleep(100);
            }
            awaitCondition(
                    "readiness counting the busy pool as answering",
                    () -> http.get("/health/ready")
                            .json()
                            .at("/checks/main")
                            .asText()
                            .equals("ok (all connections busy)"));
            lock.rollback();
            for (Future<Http.Response> request : held) {
                Http.Response r = request.get(BOUND.toSeconds(), TimeUnit.SECONDS);
                assertThat(r.status()).as(r.toString()).isIn(200, 503);
                if (r.status() == 503) assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(http.get(API + "/customers").status()).isEqualTo(200);
    }

    // ---- SIGKILL after acknowledged writes ----

    @Test
    void everyAcknowledgedWriteSurvivesSigkillAndARestartOnTheSameDatabase() throws Exception {
        try (Postgres database = Postgres.fresh()) {
            Map<String, String> environment = new TreeMap<>(environment(database));
            environment.remove("PORT");
            environment.remove("HOST");
            Path classes = work.resolve("classes");
            Queue<Customer> acknowledged = new ConcurrentLinkedQueue<>();
            Queue<String> acknowledgedVehicles = new ConcurrentLinkedQueue<>();
            AtomicInteger inDoubt = new AtomicInteger();
            long killedAfter;
            try (ChildService first = ChildService.start(classes, files, environment, work.resolve("first.log"))) {
                first.awaitReady();
                Http service = first.http();
                ExecutorService writers = Executors.newFixedThreadPool(4);
                try {
                    List<Future<?>> streams = new ArrayList<>();
                    for (int w = 0; w < 4; w++) {
                        int writer = w;
                        streams.add(
                                writers.submit(writer(service, writer, acknowledged, acknowledgedVehicles, inDoubt)));
                    }
                    awaitCondition("acknowledged writes", () -> acknowledged.size() >= WRITES);
                    first.kill();
                    assertThat(first.awaitExit(BOUND)).isTrue();
                    for (Future<?> stream : streams) stream.get(BOUND.toSeconds(), TimeUnit.SECONDS);
                    killedAfter = acknowledged.size() + acknowledgedVehicles.size();
                } finally {
                    writers.shutdownNow();
                }
                assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            }

            long restarting = System.nanoTime();
            try (ChildService second = ChildService.start(classes, files, environment, work.resolve("second.log"))) {
                second.awaitReady();
                long restartNanos = System.nanoTime() - restarting;
                Http service = second.http();
                for (Customer customer : acknowledged) {
                    Http.Response r = service.get(API + "/customers/" + customer.id());
                    assertThat(r.status())
                            .as("acknowledged customer " + customer.id())
                            .isEqualTo(200);
                    assertThat(r.json().get("email").asText()).isEqualTo(customer.email());
                }
                for (String vehicle : acknowledgedVehicles) {
                    assertThat(service.get(API + "/vehicles/" + vehicle).status())
                            .as("acknowledged vehicle " + vehicle)
                            .isEqualTo(200);
                }
                long rows = count(database, "customer") + count(database, "vehicle");
                assertThat(rows)
                        .as("every acknowledged row, and at most the writes in flight at the kill besides")
                        .isBetween(killedAfter, killedAfter + inDoubt.get());
                assertThat(createCustomer(service, "after-restart").id()).isNotBlank();
                System.out.printf(
                        "faults: SIGKILL: %d writes acknowledged before the kill (%d customers, %d vehicles), %d in"
                                + " flight without an answer, %d of them committed; all acknowledged rows found;"
                                + " restart to ready %d ms%n",
                        killedAfter,
                        acknowledged.size(),
                        acknowledgedVehicles.size(),
                        inDoubt.get(),
                        rows - killedAfter,
                        TimeUnit.NANOSECONDS.toMillis(restartNanos));
            }
        }
    }

    /**
     * Creates customers, and a vehicle for every other one, until a request gets no answer (the service was killed):
     * that write's outcome is in doubt.
     */
    private static Callable<Void> writer(
            Http service, int writer, Queue<Customer> customers, Queue<String> vehicles, AtomicInteger inDoubt) {
        return () -> {
            for (int n = 0; n < 100_000; n++) {
                try {
                    Customer customer = createCustomer(service, "w" + writer + "-" + n);
                    customers.add(customer);
                    if (n % 2 == 0) vehicles.add(createVehicle(service, customer.id(), writer * 1_000_000L + n));
                } catch (RuntimeException e) {
                    if (rootCause(e) instanceof IOException) {
                        inDoubt.incrementAndGet();
                        return null;
                    }
                    throw e;
                }
            }
            return null;
        };
    }

    // ---- helpers ----

    private static Customer createCustomer(Http service, String name) {
        String email = name + "@example.com";
        Http.Response r = service.post(API + "/customers", customerJson(name, email));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Customer(r.json().get("id").asText(), email);
    }

    private static String createVehicle(Http service, String owner, long serial) {
        Http.Response r = service.post(
                API + "/vehicles",
                "{\"owner\": \"" + owner + "\", \"vin\": \"" + String.format("%017d", serial)
                        + "\", \"make\": \"Volvo\", \"model\": \"V70\", \"year\": 2004}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static String customerJson(String name, String email) {
        return Json.mapper()
                .createObjectNode()
                .put("name", name)
                .put("email", email)
                .toString();
    }

    private static long count(Postgres database, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.url(), "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Polls {@code condition} every 50 ms until it holds; fails after {@link #BOUND}. */
    private static void awaitCondition(String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not " + what + " within " + BOUND);
            Thread.sleep(50);
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return t;
    }
}
