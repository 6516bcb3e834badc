package dev.blueprint.bench;

import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.Analyzer;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.check.Severity;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.syntax.Parsing;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + resolve + check of a generated program of {@code entities} entities, warm, with a
 * fresh {@link Analyzer} per call (no parse cache), as the command line does; and parse alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xms1g", "-Xmx1g"})
public class AnalyzeBenchmark {
    private static final Path FILE = Path.of("/bench/large.blueprint").toAbsolutePath();

    @Param({"100", "1000", "5000"})
    public int entities;

    private String text;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        text = LargeBlueprint.generate(entities);
        Analysis a = analyze();
        List<Diagnostic> problems = a.diagnostics().stream()
                .filter(d -> d.severity() == Severity.ERROR || d.severity() == Severity.WARNING)
                .toList();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "the generated program does not check clean: " + problems.subList(0, Math.min(5, problems.size())));
        }
        if (a.program().entities().size() != entities) {
            throw new IllegalStateException("expected " + entities + " entities, got "
                    + a.program().entities().size());
        }
    }

    @Benchmark
    public Analysis parseResolveCheck() throws Exception {
        return analyze();
    }

    @Benchmark
    public SourceFile parseOnly() {
        return Parsing.parse(FILE, text);
    }

    private Analysis analyze() throws Analyzer.UnreadableSourceException {
        return new Analyzer().analyze(FILE, p -> p.equals(FILE) ? Optional.of(text) : Optional.empty());
    }
}
