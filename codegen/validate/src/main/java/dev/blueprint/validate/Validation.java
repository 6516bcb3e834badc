package dev.blueprint.validate;

import dev.blueprint.build.InProcessService;
import dev.blueprint.build.JavaCompilation;
import dev.blueprint.build.ProjectWriter;
import dev.blueprint.codegen.Generator;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EndpointSpec;
import dev.blueprint.codegen.spec.ServiceSpec.EntitySpec;
import dev.blueprint.lang.check.Endpoint.Operation;
import dev.blueprint.lang.settings.ServiceConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * {@code blueprint validate}: generates a service, runs it as a separate process on a database it reaches through a
 * proxy, and certifies it step by step (compile, start, functional, load, database fault, graceful shutdown). Every
 * step is a pass or a fail with its figures; a step that cannot run because an earlier one failed is skipped.
 * Everything started here is stopped before {@link #run} returns, also when it throws.
 */
public final class Validation {

    /**
     * How to validate.
     *
     * @param connections     requests in flight during the load step (the closed loop's users)
     * @param duration        how long the load step runs
     * @param database        a PostgreSQL JDBC URL, or empty for H2
     * @param databaseUser    the user for {@code database}, or empty for the blueprint's
     * @param databasePassword the password for {@code database}, or empty for the blueprint's
     * @param reports         the folder for report.json, report.html, the service's log and its build
     * @param requestTimeout  how long a client waits for one answer before counting a timeout
     * @param startupTimeout  how long the startup probe may take to answer 200
     */
    public record Options(
            int connections,
            Duration duration,
            Optional<String> database,
            Optional<String> databaseUser,
            Optional<String> databasePassword,
            Path reports,
            Duration requestTimeout,
            Duration startupTimeout) {
        public Options {
            if (connections < 1)
                throw new IllegalArgumentException("--connections must be at least 1, not " + connections);
            if (connections > 10_000)
                throw new IllegalArgumentException("--connections must be at most 10000, not " + connections);
            if (duration.isNegative() || duration.isZero())
                throw new IllegalArgumentException("--duration must be positive");
            if (duration.compareTo(Duration.ofMinutes(30)) > 0)
                throw new IllegalArgumentException("--duration must be at most 30m");
            database.flatMap(Databases::problem).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
        }
    }

    /** What the run shows while it goes: a step starts, its progress, its result. */
    public interface Progress {
        void step(String id, String title);

        void update(String line);

        void done(Report.Step step);
    }

    private static final Duration PROBE_POLL = Duration.ofMillis(100);
    /** Requests in flight during the fault and shutdown steps. */
    private static final int FAULT_USERS = 8;

    private final Path blueprint;
    private final ServiceSpec spec;
    private final Map<String, String> files;
    private final Options options;
    private final Progress progress;
    private final List<Report.Step> steps = new ArrayList<>();
    private final List<Report.Check> checks = new ArrayList<>();
    private final Random random = new Random();
    private Load.Figures loadFigures;
    private Credentials credentials;
    private String database = "H2";
    private Path serviceLog;

    private Validation(
            Path blueprint, ServiceSpec spec, Map<String, String> files, Options options, Progress progress) {
        this.blueprint = blueprint;
        this.spec = spec;
        this.files = files;
        this.options = options;
        this.progress = progress;
    }

    /** Validates the service generated from {@code blueprint} ({@code files} is its generated project). */
    public static Report run(
            Path blueprint, ServiceSpec spec, Map<String, String> files, Options options, Progress progress)
            throws IOException, InterruptedException {
        return new Validation(blueprint, spec, files, options, progress).run();
    }

    /** The report of a blueprint whose check failed: the first step fails with the diagnostics, the rest are skipped. */
    public static Report checkFailed(Path blueprint, String diagnostics, Options options, Progress progress) {
        Validation v = new Validation(blueprint, null, Map.of(), options, progress);
        progress.step("compile", Report.TITLES.get("compile"));
        v.add(
                "compile",
                Report.Status.FAILED,
                "the blueprint has errors; nothing was generated\n" + diagnostics.strip(),
                0,
                Map.of());
        v.skipRest("the blueprint has errors");
        return v.report(Instant.now(), System.nanoTime(), "", "");
    }

    private Report run() throws IOException, InterruptedException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Path reports = options.reports().toAbsolutePath();
        Path work = reports.resolve("work");
        InProcessService.deleteRecursively(work);
        Files.createDirectories(work);
        Optional<String> mainClass = compile(work.resolve("classes"));
        if (mainClass.isEmpty()) {
            skipRest("the generated code does not compile");
            return report(started, t0, spec.config().name(), spec.config().version());
        }
        credentials = Credentials.of(spec);
        if (credentials.problem().isPresent()) {
            progress.step("start", Report.TITLES.get("start"));
            add("start", Report.Status.FAILED, credentials.problem().get(), 0, Map.of());
            skipRest("validate cannot authenticate to the service");
            return report(started, t0, spec.config().name(), spec.config().version());
        }
        try (Databases databases = options.database().isPresent()
                ? Databases.postgres(spec, options.database().get(), options.databaseUser(), options.databasePassword())
                : Databases.h2(spec, Files.createDirectories(work.resolve("h2")))) {
            database = databases.description();
            int port = freePort();
            Map<String, String> env = new HashMap<>(databases.environment());
            env.put("PORT", Integer.toString(port));
            env.put("HOST", "127.0.0.1");
            env.put("ACCESS_LOG", "off");
            // the keys the service reads: fresh ones, never written anywhere but the child's environment
            env.putAll(credentials.environment());
            URI base = URI.create("http://127.0.0.1:" + port);
            URI probeBase = base;
            if (spec.config().server().managementPort().isPresent()) {
                // the blueprint's management port may be taken on this machine: a free one, as for the main port
                int management = freePort();
                env.put("MANAGEMENT_PORT", Integer.toString(management));
                probeBase = URI.create("http://127.0.0.1:" + management);
            }
            serviceLog = reports.resolve("service.log");
            try (ServiceProcess service =
                            ServiceProcess.start(work.resolve("classes"), mainClass.get(), env, serviceLog);
                    Http probes =
                            new Http(probeBase, spec.config().probes().timeout().plusSeconds(2), 1);
                    Http client = new Http(base, options.requestTimeout(), 2)) {
                if (!start(service, probes, port)) {
                    skipRest("the service did not start");
                    return report(
                            started, t0, spec.config().name(), spec.config().version());
                }
                Workload workload = new Workload(spec, new Samples(spec), credentials);
                functional(client, workload);
                load(base, workload, service);
                fault(base, probeBase, probes, client, workload, databases, service);
                shutdown(base, probes, workload, service, port);
            }
        }
        return report(started, t0, spec.config().name(), spec.config().version());
    }

    private Report report(Instant started, long t0, String name, String version) {
        boolean passed = !steps.isEmpty() && steps.stream().allMatch(Report.Step::passed);
        return new Report(
                blueprint.toString(),
                name,
                version,
                database,
                started.truncatedTo(ChronoUnit.SECONDS).toString(),
                round((System.nanoTime() - t0) / 1e9),
                new Report.Settings(
                        options.connections(),
                        options.duration().toMillis() / 1000.0,
                        options.requestTimeout().toMillis() / 1000.0),
                passed,
                List.copyOf(steps),
                List.copyOf(checks),
                loadFigures,
                credentials == null || !spec.config().security().authenticates() ? null : credentials.used(),
                serviceLog == null ? null : serviceLog.toString());
    }

    // ---- 1. compile

    private Optional<String> compile(Path classes) throws IOException {
        progress.step("compile", Report.TITLES.get("compile"));
        long t = System.nanoTime();
        Map<String, String> sources = Generator.javaSources(files);
        JavaCompilation.Result result =
                JavaCompilation.compile(sources, classes, System.getProperty("java.class.path"));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("files", files.size());
        figures.put("java sources", sources.size());
        if (!result.success()) {
            add(
                    "compile",
                    Report.Status.FAILED,
                    "the generated code does not compile cleanly (a Blueprint bug; please report it):\n"
                            + String.join("\n", result.diagnostics()),
                    seconds(t),
                    figures);
            return Optional.empty();
        }
        Map<String, String> resources = new HashMap<>();
        files.forEach((path, text) -> {
            if (path.startsWith(Generator.RESOURCES_ROOT))
                resources.put(path.substring(Generator.RESOURCES_ROOT.length()), text);
        });
        ProjectWriter.write(resources, classes);
        ProjectWriter.write(
                files, options.reports().toAbsolutePath().resolve("work").resolve("project"));
        String main = files.keySet().stream()
                .filter(p -> p.startsWith(Generator.JAVA_ROOT) && p.endsWith("/Main.java"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the generated project has no Main"))
                .substring(Generator.JAVA_ROOT.length())
                .replace(".java", "")
                .replace('/', '.');
        add("compile", Report.Status.PASSED, "", seconds(t), figures);
        return Optional.of(main);
    }

    // ---- 2. start

    private boolean start(ServiceProcess service, Http probes, int port) throws InterruptedException {
        progress.step("start", Report.TITLES.get("start"));
        long t = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("pid", service.pid());
        figures.put("port", port);
        long deadline = t + options.startupTimeout().toNanos();
        int startup = 0;
        boolean saw503 = false;
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                add(
                        "start",
                        Report.Status.FAILED,
                        "the service exited during startup; the end of its log:\n" + service.tail(15),
                        seconds(t),
                        figures);
                return false;
            }
            Http.Answer a = probes.get(spec.config().probes().startup());
            startup = a.status();
            if (startup == 503) saw503 = true;
            if (startup == 200) break;
            Thread.sleep(PROBE_POLL.toMillis());
        }
        if (startup != 200) {
            add(
                    "start",
                    Report.Status.FAILED,
                    "the startup probe " + spec.config().probes().startup() + " did not answer 200 within "
                            + human(options.startupTimeout()) + " (last: " + (startup == 0 ? "no answer" : startup)
                            + "); the end of its log:\n"
                            + service.tail(15),
                    seconds(t),
                    figures);
            return false;
        }
        figures.put("startup ms", millis(t));
        figures.put("startup 503 seen", saw503);
        long readyDeadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int ready = 0;
        while (System.nanoTime() < readyDeadline) {
            ready = probes.get(spec.config().probes().ready()).status();
            if (ready == 200) break;
            Thread.sleep(PROBE_POLL.toMillis());
        }
        figures.put("ready ms", millis(t));
        int live = probes.get(spec.config().probes().live()).status();
        if (ready != 200 || live != 200) {
            add(
                    "start",
                    Report.Status.FAILED,
                    "after startup, ready answered " + ready + " and live " + live + " (both must be 200)",
                    seconds(t),
                    figures);
            return false;
        }
        add("start", Report.Status.PASSED, "", seconds(t), figures);
        return true;
    }

    // ---- 3. functional

    private void functional(Http client, Workload workload) {
        progress.step("functional", Report.TITLES.get("functional"));
        long t = System.nanoTime();
        Functional pass = new Functional(client, workload, random);
        List<Report.Check> done = pass.run(entity -> progress.update("requests for " + entity));
        checks.addAll(done);
        long failed = done.stream().filter(c -> !c.passed()).count();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("checks", done.size());
        figures.put("failed", failed);
        figures.put(
                "resources",
                spec.endpoints().stream()
                        .filter(e -> e.operation() == Operation.LIST || e.operation() == Operation.CREATE)
                        .map(EndpointSpec::entity)
                        .distinct()
                        .count());
        figures.put(
                "routes",
                spec.endpoints().stream()
                        .filter(e -> e.operation() == Operation.ROUTE)
                        .count());
        if (spec.config().security().enforced()) {
            figures.put(
                    "security checks",
                    done.stream().filter(Report.Check::security).count());
            figures.put(
                    "credentials",
                    credentials.used().stream()
                            .filter(u -> !u.source().startsWith("none"))
                            .map(u -> u.kind() + " " + u.name())
                            .reduce((a, b) -> a + ", " + b)
                            .orElse("none"));
        }
        if (pass.rateLimited() > 0) figures.put("429 waited out", pass.rateLimited());
        if (failed == 0) {
            add("functional", Report.Status.PASSED, "", seconds(t), figures);
        } else {
            StringBuilder reason = new StringBuilder(failed + " of " + done.size() + " checks failed:");
            done.stream()
                    .filter(c -> !c.passed())
                    .limit(10)
                    .forEach(c -> reason.append("\n")
                            .append(c.what())
                            .append(": ")
                            .append(c.method())
                            .append(' ')
                            .append(c.path())
                            .append(" expected ")
                            .append(c.expected())
                            .append(", got ")
                            .append(c.actual()));
            add("functional", Report.Status.FAILED, reason.toString(), seconds(t), figures);
        }
    }

    // ---- 4. load

    private void load(URI base, Workload workload, ServiceProcess service) throws InterruptedException {
        progress.step("load", Report.TITLES.get("load"));
        long t = System.nanoTime();
        try (Http client = new Http(base, options.requestTimeout(), 2)) {
            Load load = new Load(client, workload, options.connections());
            Load.Figures f = load.runFor(
                    options.duration(),
                    s -> progress.update(String.format(
                            Locale.ROOT,
                            "%3.0fs/%.0fs  %,d requests  %,.0f/s  %d failed%s  p99 %.1f ms",
                            s.seconds(),
                            options.duration().toMillis() / 1000.0,
                            s.requests(),
                            s.throughput(),
                            s.failed(),
                            s.rateLimited() > 0 ? "  " + s.rateLimited() + " rate limited (429)" : "",
                            s.p99Ms())));
            loadFigures = f;
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("connections", f.users());
            figures.put("requests", f.requests());
            if (spec.config().security().rateLimit().isPresent()) figures.put("429 rate limited", f.rateLimited());
            figures.put("success %", round(100 * f.successRate()));
            figures.put("req/s", round(f.throughput()));
            figures.put("p50 ms", round(f.p50Ms()));
            figures.put("p90 ms", round(f.p90Ms()));
            figures.put("p99 ms", round(f.p99Ms()));
            figures.put("max ms", round(f.maxMs()));
            figures.put("timeouts", f.timeouts());
            if (f.requests() == 0) {
                add(
                        "load",
                        Report.Status.FAILED,
                        "no request could be sent (no resource can be created or read)",
                        seconds(t),
                        figures);
            } else if (f.requests() == f.rateLimited()) {
                add(
                        "load",
                        Report.Status.FAILED,
                        "every request was refused with 429: the rate limit let nothing through",
                        seconds(t),
                        figures);
            } else if (f.failed() == 0 && f.timeouts() == 0) {
                add("load", Report.Status.PASSED, "", seconds(t), figures);
            } else {
                StringBuilder reason = new StringBuilder(String.format(
                        Locale.ROOT,
                        "%,d of %,d requests failed (%.2f%% success, %d timeouts) with %d connections",
                        f.failed(),
                        f.requests() - f.rateLimited(),
                        100 * f.successRate(),
                        f.timeouts(),
                        f.users()));
                if (f.rateLimited() > 0)
                    reason.append(String.format(
                            Locale.ROOT, " (and %,d answered 429 by the rate limit, not counted)", f.rateLimited()));
                reason.append("\noutcomes: ").append(f.outcomes());
                f.failureSamples().stream()
                        .limit(3)
                        .forEach(s -> reason.append("\n").append(s));
                String hint = hint(f);
                if (!hint.isEmpty()) reason.append("\n").append(hint);
                if (!service.isAlive())
                    reason.append("\nthe service process exited; the end of its log:\n")
                            .append(service.tail(15));
                add("load", Report.Status.FAILED, reason.toString(), seconds(t), figures);
            }
        }
    }

    /** What the failures of a load run most likely mean, in the blueprint's terms. */
    private String hint(Load.Figures f) {
        boolean unavailable = f.failureSamples().stream().anyMatch(s -> s.contains(", got 503"));
        if (!unavailable) return "";
        ServiceConfig.Pool pool = spec.config().defaultStore().pool();
        return "503 under load while the database is up: the pool (max_size " + pool.maxSize() + ", connect_timeout "
                + human(pool.connectTimeout()) + ") ran out of connections; raise max_size or connect_timeout";
    }

    // ---- 5. database fault

    private void fault(
            URI base,
            URI probeBase,
            Http probes,
            Http client,
            Workload workload,
            Databases databases,
            ServiceProcess service)
            throws InterruptedException {
        progress.step("fault", Report.TITLES.get("fault"));
        long t = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Duration probeTimeout = spec.config().probes().timeout();
        Duration connectTimeout = spec.config().defaultStore().pool().connectTimeout();
        // a data endpoint validate has a credential for (with none, the 401 would come before the database)
        Optional<EndpointSpec> dataEndpoint = spec.endpoints().stream()
                .filter(e -> e.operation() == Operation.LIST)
                .filter(e -> credentials.forAccess(e.access()).isPresent())
                .findFirst()
                .or(() -> spec.endpoints().stream()
                        .filter(e -> e.operation() == Operation.GET)
                        .filter(e -> credentials.forAccess(e.access()).isPresent())
                        .findFirst());
        Optional<String> dataPath = dataEndpoint.map(e -> e.operation() == Operation.LIST
                ? e.path()
                : e.path().replaceFirst("\\{[^}]*}", "00000000-0000-0000-0000-000000000000"));
        Map<String, String> dataHeaders = dataEndpoint
                .flatMap(e -> credentials.forAccess(e.access()))
                .map(Credentials.Credential::headers)
                .orElse(Map.of());
        // under load, but fewer requests than worker threads: the probes and the timed data requests must find a worker
        int users = Math.min(options.connections(), FAULT_USERS);
        try (Http loadClient = new Http(base, options.requestTimeout(), 2);
                Http kubelet = new Http(probeBase, probeTimeout, 1)) {
            Load background = new Load(loadClient, workload, users);
            background.start();
            Thread.sleep(1000);
            int before = probes.get(spec.config().probes().ready()).status();
            if (before != 200) problems.add("ready answered " + before + " under load before the cut (must be 200)");
            progress.update("database cut");
            databases.cut();
            long cut = System.nanoTime();
            Duration bound = probeTimeout.multipliedBy(2);
            int ready = 0;
            List<Integer> live = new ArrayList<>();
            int unanswered = 0;
            while (System.nanoTime() - cut < bound.toNanos()) {
                // as an orchestrator probes, with the probe timeout; the probe must answer, and answer 503
                Http.Answer r = kubelet.get(spec.config().probes().ready());
                ready = r.status();
                if (r.timedOut()) unanswered++;
                live.add(probes.get(spec.config().probes().live()).status());
                if (ready == 503) break;
                Thread.sleep(PROBE_POLL.toMillis());
            }
            long notReadyMs = (System.nanoTime() - cut) / 1_000_000;
            if (unanswered > 0) figures.put("ready probes unanswered", unanswered);
            if (ready == 503) {
                figures.put("ready 503 after ms", notReadyMs);
            } else if (unanswered > 0) {
                problems.add("the readiness probe did not answer within its timeout " + human(probeTimeout)
                        + " during the cut (" + unanswered + " times) and never answered 503 within " + human(bound)
                        + " (two probe timeouts)");
            } else {
                problems.add("ready still answered " + (ready == 0 ? "nothing" : ready) + " " + human(bound)
                        + " (two probe timeouts) after the database was cut: the readiness probe does not notice the store is gone"
                        + (spec.config().probes().checks().isEmpty() ? " (probes { checks [] } checks no store)" : ""));
            }
            for (int i = 0; i < 3; i++)
                live.add(probes.get(spec.config().probes().live()).status());
            figures.put("live during cut", live.stream().allMatch(s -> s == 200) ? "200" : live.toString());
            if (!live.stream().allMatch(s -> s == 200))
                problems.add("live answered " + live + " during the cut (must stay 200)");
            if (dataPath.isPresent()) {
                long worst = 0;
                List<String> statuses = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Http.Answer a = paced(client, "GET", dataPath.get(), Optional.empty(), dataHeaders);
                    worst = Math.max(worst, a.millis());
                    statuses.add(a.describe());
                    if (a.status() != 503) {
                        problems.add("GET " + dataPath.get() + " answered " + a.describe()
                                + " during the cut (must be 503)");
                        break;
                    }
                }
                figures.put("data during cut", String.join(" ", statuses));
                figures.put("data worst ms", worst);
                long allowed = connectTimeout.toMillis() + 1000;
                if (worst > allowed) {
                    problems.add("a data request took " + worst
                            + " ms during the cut (must fail within the pool's connect_timeout " + human(connectTimeout)
                            + " + 1 s)");
                }
            }
            progress.update("database restored");
            databases.restore();
            long restored = System.nanoTime();
            int back = 0;
            while (System.nanoTime() - restored < Duration.ofSeconds(30).toNanos()) {
                back = probes.get(spec.config().probes().ready()).status();
                if (back == 200) break;
                Thread.sleep(PROBE_POLL.toMillis());
            }
            if (back == 200) figures.put("ready 200 after restore ms", (System.nanoTime() - restored) / 1_000_000);
            else
                problems.add(
                        "ready did not return to 200 within 30 s of the database coming back (last: " + back + ")");
            Thread.sleep(500);
            if (dataPath.isPresent()) {
                Http.Answer a = paced(client, "GET", dataPath.get(), Optional.empty(), dataHeaders);
                boolean expectedOk = a.status() == 200
                        || (a.status() == 404
                                && !dataPath.get()
                                        .equals(spec.endpoints().stream()
                                                .filter(e -> e.operation() == Operation.LIST)
                                                .map(EndpointSpec::path)
                                                .findFirst()
                                                .orElse("")));
                if (!expectedOk)
                    problems.add("GET " + dataPath.get() + " answered " + a.describe()
                            + " after the restore (must succeed)");
            }
            Optional<EndpointSpec> create = spec.endpoints().stream()
                    .filter(x -> x.operation() == Operation.CREATE)
                    .filter(x -> workload.canCreate(spec.entity(x.entity()).orElseThrow()))
                    .filter(x -> credentials.forAccess(x.access()).isPresent())
                    .findFirst();
            if (create.isPresent()) {
                Optional<EntitySpec> creatable = spec.entity(create.get().entity());
                String path = create.get().path();
                Http.Answer a = paced(
                        client,
                        "POST",
                        path,
                        Optional.of(workload.samples()
                                .valid(creatable.get(), e -> workload.anyKey(e, random), random)
                                .toString()),
                        credentials
                                .forAccess(create.get().access())
                                .orElseThrow()
                                .headers());
                if (a.status() != 201)
                    problems.add("POST " + path + " answered " + a.describe() + " after the restore (must be 201)");
                else workload.remember(creatable.get().name(), a.json());
            }
            Load.Figures f = background.awaitFinished(Duration.ofSeconds(30));
            figures.put("background requests", f.requests());
            figures.put("background failed", f.failed());
            if (f.rateLimited() > 0) figures.put("background 429", f.rateLimited());
            if (!service.isAlive()) problems.add("the service process exited during the fault");
            else figures.put("restarted", false);
        }
        if (problems.isEmpty()) add("fault", Report.Status.PASSED, "", seconds(t), figures);
        else add("fault", Report.Status.FAILED, String.join("\n", problems), seconds(t), figures);
    }

    // ---- 6. graceful shutdown

    private void shutdown(URI base, Http probes, Workload workload, ServiceProcess service, int port)
            throws InterruptedException {
        progress.step("shutdown", Report.TITLES.get("shutdown"));
        long t = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Duration grace = spec.config().server().shutdownGrace();
        int users = Math.min(options.connections(), FAULT_USERS);
        try (Http loadClient = new Http(base, options.requestTimeout(), 2)) {
            Load background = new Load(loadClient, workload, users);
            background.start();
            Thread.sleep(1000);
            long okBefore = background.succeeded();
            progress.update("SIGTERM");
            service.terminate();
            long signalled = System.nanoTime();
            boolean sawNotReady = false;
            boolean refusedFirst = false;
            while (service.isAlive()
                    && System.nanoTime() - signalled < grace.plusSeconds(10).toNanos()) {
                Http.Answer a = probes.get(spec.config().probes().ready());
                if (a.status() == 503) {
                    if (!sawNotReady) figures.put("ready 503 after ms", (System.nanoTime() - signalled) / 1_000_000);
                    sawNotReady = true;
                    // a load balancer stops sending new requests once readiness fails
                    background.stop();
                } else if (a.failed() && !sawNotReady) {
                    refusedFirst = true;
                    background.stop();
                    break;
                } else if (a.failed()) {
                    break;
                }
                Thread.sleep(50);
            }
            Optional<Integer> exit = service.awaitExit(grace.plusSeconds(10));
            long exitMs = (System.nanoTime() - signalled) / 1_000_000;
            Load.Figures f = background.awaitFinished(Duration.ofSeconds(30));
            figures.put("requests", f.requests());
            figures.put("failed", f.failed());
            figures.put("served after SIGTERM", f.succeeded() - okBefore);
            if (spec.config().security().rateLimit().isPresent()) figures.put("429 rate limited", f.rateLimited());
            if (refusedFirst) problems.add("the port closed before readiness answered 503");
            else if (!sawNotReady) problems.add("readiness never answered 503 after SIGTERM");
            if (f.failed() > 0) {
                problems.add(f.failed() + " of " + f.requests() + " requests failed during shutdown: "
                        + String.join("; ", f.failureSamples().stream().limit(3).toList()));
            }
            if (exit.isEmpty()) {
                problems.add("the process still ran " + human(grace.plusSeconds(10)) + " after SIGTERM (shutdown_grace "
                        + human(grace) + ")");
            } else {
                figures.put("exit code", exit.get());
                figures.put("exited after ms", exitMs);
                if (exitMs > grace.toMillis()) {
                    problems.add("the process exited " + exitMs + " ms after SIGTERM, beyond shutdown_grace "
                            + human(grace));
                }
                if (exit.get() != 0 && exit.get() != 143)
                    problems.add("the process exited with code " + exit.get() + " (0 or 143 expected)");
            }
            if (portOpen(port)) problems.add("port " + port + " still accepts connections after the exit");
        }
        if (problems.isEmpty()) add("shutdown", Report.Status.PASSED, "", seconds(t), figures);
        else add("shutdown", Report.Status.FAILED, String.join("\n", problems), seconds(t), figures);
    }

    // ---- helpers

    /**
     * A request that a 429 does not fail: sent again after its Retry-After (a rate limit is the service doing its
     * job), up to 5 times; the answer that was not a 429, with its own latency.
     */
    private static Http.Answer paced(
            Http client, String method, String path, Optional<String> body, Map<String, String> headers)
            throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Http.Answer a = client.call(method, path, body, headers);
            if (a.failed() || a.status() != 429 || attempt == 5) return a;
            Thread.sleep(Load.retryAfterMillis(a));
        }
    }

    private void add(String id, Report.Status status, String reason, double seconds, Map<String, Object> figures) {
        Report.Step step = new Report.Step(
                id, Report.TITLES.get(id), status, reason, round(seconds), new LinkedHashMap<>(figures));
        steps.add(step);
        progress.done(step);
    }

    private void skipRest(String why) {
        for (String id : Report.TITLES.keySet()) {
            if (steps.stream().noneMatch(s -> s.id().equals(id)))
                add(id, Report.Status.SKIPPED, "not run: " + why, 0, Map.of());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    private static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) return ms + "ms";
        long s = ms / 1000;
        return s % 60 == 0 && s > 0 ? (s / 60) + "m" : s + "s";
    }
}
