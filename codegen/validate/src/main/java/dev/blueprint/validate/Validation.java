package dev.blueprint.validate;

import dev.blueprint.build.InProcessService;
import dev.blueprint.build.Inputs;
import dev.blueprint.codegen.Pipeline;
import dev.blueprint.codegen.spec.ServiceSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * {@code blueprint validate}: generates a service, runs it as a separate process on a database it reaches through a
 * proxy, and certifies it step by step (compile, start, functional, load, database fault, graceful shutdown; each a
 * {@link Step}). Every step is a pass or a fail with its figures; when compile or start fails, the steps after it
 * cannot run and are skipped. Everything started here is stopped before {@link #validate} returns, also when it
 * throws.
 *
 * <p>{@link #validate} is the front door the command line and the language server's "Validate" both call.
 */
public final class Validation {

    /** What the run shows while it goes: a step starts, its progress, its result. */
    public interface Progress {
        void step(String id, String title);

        void update(String line);

        void done(Report.Step step);
    }

    /**
     * What a validation gave: the report (empty when the blueprint could not be read; {@code problems} says why) and
     * where its JSON and HTML files are.
     */
    public record Outcome(Optional<Report> report, Path json, Path html, String problems) {
        /** {@code blueprint validate}'s exit code: 0 every step passed, 1 one failed, 2 the input is unreadable. */
        public int exitCode() {
            return report.map(r -> r.passed() ? 0 : 1).orElse(2);
        }
    }

    static final Duration PROBE_POLL = Duration.ofMillis(100);
    /** Requests in flight during the fault and shutdown steps. */
    static final int FAULT_USERS = 8;

    private final Path blueprint;
    private final ValidateOptions options;
    private final Progress progress;
    private final List<Report.Step> steps = new ArrayList<>();
    private final List<Report.Check> checks = new ArrayList<>();
    private final Instant started = Instant.now();
    private final long t0 = System.nanoTime();
    private Load.Figures loadFigures;
    private Credentials credentials;
    private String database = "H2";
    private Path serviceLog;

    private Validation(Path blueprint, ValidateOptions options, Progress progress) {
        this.blueprint = blueprint;
        this.options = options;
        this.progress = progress;
    }

    /**
     * Checks and generates {@code blueprint} (through {@link Pipeline}), validates its service and writes
     * report.json and report.html into {@link ValidateOptions#reports()}. A blueprint with errors gives a report
     * whose first step fails with the errors, as {@code blueprint check} prints them; an unreadable one gives no
     * report.
     */
    public static Outcome validate(Path blueprint, ValidateOptions options, Progress progress)
            throws IOException, InterruptedException {
        StringWriter problems = new StringWriter();
        Optional<Pipeline.Plan> plan;
        try (PrintWriter capture = new PrintWriter(problems)) {
            plan = Inputs.plan(blueprint, capture);
        }
        Path json = options.reports().resolve("report.json");
        Path html = options.reports().resolve("report.html");
        if (plan.isEmpty()) return new Outcome(Optional.empty(), json, html, problems.toString());
        Validation validation = new Validation(blueprint, options, progress);
        Report report = plan.get() instanceof Pipeline.Ready ready
                ? validation.run(ready.spec(), ready.files())
                : validation.refused(problems.toString());
        report.writeJson(json);
        HtmlReport.write(report, html);
        return new Outcome(Optional.of(report), json, html, "");
    }

    /** The report of a blueprint the pipeline refused: the first step fails with its errors, the rest are skipped. */
    private Report refused(String errors) {
        progress.step("compile", Report.TITLES.get("compile"));
        record(
                "compile",
                StepResult.failed("the blueprint has errors; nothing was generated\n" + errors.strip(), Map.of()),
                0);
        skipRest("the blueprint has errors");
        return report("", "");
    }

    private Report run(ServiceSpec spec, Map<String, String> files) throws IOException, InterruptedException {
        Path reports = options.reports().toAbsolutePath();
        Path work = reports.resolve("work");
        InProcessService.deleteRecursively(work);
        Files.createDirectories(work);
        Step.Context context = new Step.Context(spec, files, options, new Random(), progress::update);
        CompileStep compile = new CompileStep(work);
        if (!perform(compile, context)) {
            skipRest("the generated code does not compile");
            return report(spec.config().name(), spec.config().version());
        }
        credentials = Credentials.of(spec);
        if (credentials.problem().isPresent()) {
            progress.step("start", Report.TITLES.get("start"));
            record("start", StepResult.failed(credentials.problem().get(), Map.of()), 0);
            skipRest("validate cannot authenticate to the service");
            return report(spec.config().name(), spec.config().version());
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
            try (ServiceProcess process = ServiceProcess.start(
                            compile.classes(), compile.mainClass().orElseThrow(), env, serviceLog);
                    Http probes =
                            new Http(probeBase, spec.config().probes().timeout().plusSeconds(2), 1);
                    Http client = new Http(base, options.requestTimeout(), 2)) {
                ServiceUnderTest service = new ServiceUnderTest(process, probes, client, base, probeBase, port);
                if (!perform(new StartStep(service), context)) {
                    skipRest("the service did not start");
                    return report(spec.config().name(), spec.config().version());
                }
                Workload workload = new Workload(spec, new Samples(spec), credentials);
                FunctionalStep functional = new FunctionalStep(service, workload, credentials);
                perform(functional, context);
                checks.addAll(functional.checks());
                LoadStep load = new LoadStep(service, workload);
                perform(load, context);
                loadFigures = load.figures();
                perform(new FaultStep(service, workload, credentials, databases), context);
                perform(new ShutdownStep(service, workload), context);
            }
        }
        return report(spec.config().name(), spec.config().version());
    }

    /** Runs {@code step}, timed, and records its result; whether it passed. */
    private boolean perform(Step step, Step.Context context) throws IOException, InterruptedException {
        progress.step(step.id(), Report.TITLES.get(step.id()));
        long t = System.nanoTime();
        StepResult result = step.run(context);
        record(step.id(), result, (System.nanoTime() - t) / 1e9);
        return result.passed();
    }

    private void record(String id, StepResult result, double seconds) {
        Report.Step step = new Report.Step(
                id, Report.TITLES.get(id), result.status(), result.reason(), round(seconds), result.figures());
        steps.add(step);
        progress.done(step);
    }

    private void skipRest(String why) {
        for (String id : Report.TITLES.keySet()) {
            if (steps.stream().noneMatch(s -> s.id().equals(id))) record(id, StepResult.skipped(why), 0);
        }
    }

    private Report report(String name, String version) {
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
                credentials == null || !credentials.authenticates() ? null : credentials.used(),
                serviceLog == null ? null : serviceLog.toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
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
