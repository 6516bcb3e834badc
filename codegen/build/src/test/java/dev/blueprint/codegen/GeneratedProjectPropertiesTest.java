package dev.blueprint.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.build.InProcessService;
import dev.blueprint.build.JavaCompilation;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.Specs;
import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.Analyzer;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.check.Severity;
import dev.blueprint.lang.properties.ProgramGenerator;
import dev.blueprint.lang.settings.ServiceConfig;
import dev.blueprint.runtime.Environment;
import dev.blueprint.runtime.Postgres;
import dev.blueprint.runtime.RunningService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.opentest4j.TestAbortedException;

/**
 * The projects of random valid programs (grammar's {@link ProgramGenerator}: every field type, keys alone, long and
 * uuid keys, references, enums, routes, security) are deterministic and their Java compiles with
 * {@code javac -Xlint:all} and no warning; a few of them also start in-process on embedded H2, and one on PostgreSQL
 * when it is reachable, and create and read a row over HTTP on a free loopback port ({@link RoundTrip}).
 *
 * <p>Runs are reproducible: the seeds are fixed. Each compile try generates {@link #BATCH} programs and compiles
 * them in one javac call (fewer, larger javac runs), each under a package of its own. A longer run:
 * {@code -Djqwik.tries.default=200} (the compile tries; the default is in {@code junit-platform.properties}) and
 * {@code -Dblueprint.roundTrips=20}; {@code -Dblueprint.programSeeds=N} (any number) runs other programs.
 */
class GeneratedProjectPropertiesTest {

    /** Programs per javac call. */
    static final int BATCH = 5;

    /** Programs started on H2 and driven over HTTP in a run (and half as many on PostgreSQL). */
    static final int ROUND_TRIPS = Integer.getInteger("blueprint.roundTrips", 2);

    /** Mixed into every program's seed: another value explores other programs (a failure names the seed it used). */
    static final long SEED_SHIFT = Long.getLong("blueprint.programSeeds", 0);

    private static Path work;

    @BeforeContainer
    static void createWork() throws IOException {
        work = Files.createTempDirectory("blueprint-properties");
    }

    @AfterContainer
    static void deleteWork() throws IOException {
        InProcessService.deleteRecursively(work);
    }

    /** A generated program: its seed (to reproduce it), its text and its spec. */
    record Program(long seed, String text, ServiceSpec spec) {
        @Override
        public String toString() {
            return "program of seed " + seed + ":\n" + numbered(text);
        }
    }

    @Provide
    Arbitrary<List<Program>> batches() {
        return programs().list().ofSize(BATCH);
    }

    @Provide
    Arbitrary<List<Program>> startable() {
        return startable(ROUND_TRIPS);
    }

    /** Half as many on PostgreSQL, where a service takes longer to set up. */
    @Provide
    Arbitrary<List<Program>> startableOnPostgres() {
        return startable((ROUND_TRIPS + 1) / 2);
    }

    private static Arbitrary<List<Program>> startable(int count) {
        return programs()
                .filter(p -> RoundTrip.plan(p.spec()).isPresent())
                .list()
                .ofSize(count);
    }

    private static Arbitrary<Program> programs() {
        return Arbitraries.longs().map(seed -> program(seed ^ SEED_SHIFT));
    }

    @Property(seed = "20261204", shrinking = ShrinkingMode.OFF)
    void projectsAreDeterministicAndCompileWithoutWarnings(@ForAll("batches") List<Program> batch) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, Program> byPackage = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Program p = batch.get(i);
            // a package of its own, so that the batch compiles in one javac call without clashes
            String pkg = "batch" + i + "." + p.spec().config().javaPackage();
            ServiceSpec spec = p.spec().withJavaPackage(pkg);
            SortedMap<String, String> files = Generator.generate(spec);
            assertThat(Generator.generate(spec)).as("deterministic: %s", p).isEqualTo(files);
            sources.putAll(Generator.javaSources(files));
            byPackage.put(pkg.replace('.', '/') + "/", p);
        }
        Path classes = Files.createTempDirectory(work, "classes");
        JavaCompilation.Result result =
                JavaCompilation.compile(sources, classes, System.getProperty("java.class.path"));
        InProcessService.deleteRecursively(classes);
        assertThat(result.diagnostics())
                .as(() -> "javac -Xlint:all on " + culprits(result.diagnostics(), byPackage))
                .isEmpty();
        assertThat(result.success()).isTrue();
    }

    /** One try: {@link #ROUND_TRIPS} programs, each started in turn on embedded H2. */
    @Property(tries = 1, seed = "20261204", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void startedServicesCreateAndReadARow(@ForAll("startable") List<Program> programs) throws Exception {
        for (Program program : programs) {
            Path dir = Files.createTempDirectory(work, "service");
            try {
                roundTrip(
                        program,
                        dir,
                        Map.of("BLUEPRINT_EMBEDDED_DIR", dir.resolve("data").toString()));
            } finally {
                InProcessService.deleteRecursively(dir);
            }
        }
    }

    /**
     * The same on PostgreSQL, whose SQL H2 does not always reject (every store in a fresh database of its own); it
     * checks nothing when no PostgreSQL is reachable, except under CI, where that fails (as in {@link Postgres}).
     */
    @Property(tries = 1, seed = "20261205", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void startedServicesCreateAndReadARowOnPostgres(@ForAll("startableOnPostgres") List<Program> programs)
            throws Exception {
        for (Program program : programs) {
            List<Postgres> databases = new ArrayList<>();
            Path dir = Files.createTempDirectory(work, "service");
            try {
                Map<String, String> env = new LinkedHashMap<>();
                List<ServiceConfig.Store> stores = program.spec().config().stores();
                for (int i = 0; i < stores.size(); i++) {
                    Postgres database;
                    try {
                        database = Postgres.fresh();
                    } catch (TestAbortedException unreachable) {
                        System.err.println("GeneratedProjectPropertiesTest: " + unreachable.getMessage());
                        return;
                    }
                    databases.add(database);
                    // the runtime's overrides: DATABASE_URL for the default store, NAME_DATABASE_URL for the others
                    String prefix = i == 0 ? "" : stores.get(i).name().toUpperCase(Locale.ROOT) + "_";
                    env.put(prefix + "DATABASE_URL", database.url());
                    env.put(prefix + "DATABASE_USER", "postgres");
                }
                roundTrip(program, dir, env);
            } finally {
                for (Postgres database : databases) database.close();
                InProcessService.deleteRecursively(dir);
            }
        }
    }

    /** Starts the program's service with {@code database} settings, runs its {@link RoundTrip} and stops it. */
    private static void roundTrip(Program program, Path dir, Map<String, String> database) throws Exception {
        RoundTrip.Plan plan = RoundTrip.plan(program.spec()).orElseThrow();
        Map<String, String> env = new LinkedHashMap<>(RoundTrip.secrets(program.spec()));
        env.put("PORT", "0");
        env.put("HOST", "127.0.0.1");
        env.put("ACCESS_LOG", "off");
        env.putAll(database);
        try (RunningService running = InProcessService.load(
                        Generator.generate(program.spec()), dir, Environment.of(env))
                .start()) {
            new RoundTrip(program.spec(), running.uri(), program.seed()).run(plan);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\nin the " + program, e);
        }
    }

    /** Checks the program's text and builds its spec; a generated program must check clean. */
    static Program program(long seed) {
        String text = ProgramGenerator.generate(seed, false);
        Path root = Path.of("/generated/main.blueprint").toAbsolutePath();
        Analysis analysis;
        try {
            analysis = new Analyzer().analyze(root, p -> p.equals(root) ? Optional.of(text) : Optional.empty());
        } catch (Analyzer.UnreadableSourceException e) {
            throw new AssertionError(e);
        }
        List<Diagnostic> problems = analysis.diagnostics().stream()
                .filter(d -> d.severity() == Severity.ERROR || d.severity() == Severity.WARNING)
                .toList();
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    "seed " + seed + " gave a program that does not check clean: " + problems + "\n" + numbered(text));
        }
        return new Program(seed, text, Specs.from(analysis));
    }

    /** The programs whose generated files a diagnostic names, with the diagnostics. */
    private static String culprits(List<String> diagnostics, Map<String, Program> byPackage) {
        List<String> out = new ArrayList<>(diagnostics);
        byPackage.forEach((folder, p) -> {
            if (diagnostics.stream().anyMatch(d -> d.contains("/" + folder))) out.add(p.toString());
        });
        return String.join("\n", out);
    }

    static String numbered(String text) {
        String[] lines = text.split("\n", -1);
        return java.util.stream.IntStream.range(0, lines.length)
                .mapToObj(i -> String.format("%4d  %s", i + 1, lines[i]))
                .collect(Collectors.joining("\n"));
    }
}
