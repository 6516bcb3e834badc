package dev.blueprint.build;

import dev.blueprint.codegen.Pipeline;
import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.Analyzer;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.naming.BlueprintFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the FILE arguments of the command line into analysed programs, and a blueprint into the plan of its
 * project. A directory stands for every {@code .blueprint} file below it. A file that another input imports is
 * checked through that program rather than alone, so shared vocabulary files need no service of their own. Problems
 * are reported as the command line shows them: unreadable input as {@code blueprint: FILE: why}, errors as
 * {@code FILE:LINE:COLUMN: error: MESSAGE [CODE]}.
 */
public final class Inputs {
    private Inputs() {}

    /** The analysed programs and every diagnostic once; empty when some input is unreadable (reported). */
    public record Checked(List<Analysis> programs, List<Diagnostic> diagnostics, Map<Path, Analysis> analysisOf) {}

    /** The files {@code args} stand for (a directory: every .blueprint below it); empty when one is unusable (reported). */
    public static Optional<List<Path>> expand(List<Path> args, PrintWriter err) {
        Set<Path> files = new LinkedHashSet<>();
        for (Path arg : args) {
            Path p = arg.toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    List<Path> found = walk.filter(f -> BlueprintFiles.isBlueprint(f) && Files.isRegularFile(f))
                            .sorted()
                            .toList();
                    if (found.isEmpty()) {
                        err.println("blueprint: " + arg + ": directory holds no .blueprint files");
                        return Optional.empty();
                    }
                    files.addAll(found);
                } catch (IOException e) {
                    err.println("blueprint: " + arg + ": cannot be read: " + e.getMessage());
                    return Optional.empty();
                }
            } else {
                files.add(p);
            }
        }
        return Optional.of(new ArrayList<>(files));
    }

    /** Reads and analyses the programs {@code args} stand for; empty when some input is unreadable (reported). */
    public static Optional<Checked> check(List<Path> args, PrintWriter err) {
        Optional<List<Path>> files = expand(args, err);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        DiskSources sources = new DiskSources();
        Analyzer analyzer = new Analyzer();
        Map<Path, String> texts = new LinkedHashMap<>();
        for (Path f : files.get()) {
            Optional<String> text = sources.read(f);
            if (text.isEmpty()) {
                err.println("blueprint: " + Display.path(f) + ": "
                        + sources.problem(f).orElse("cannot be read"));
                return Optional.empty();
            }
            texts.put(f, text.get());
        }
        // Programs with a service first; then whatever they did not cover, each on its own.
        List<Path> order = new ArrayList<>();
        texts.forEach((f, t) -> {
            if (analyzer.parse(f, t)
                            .decls(dev.blueprint.lang.model.ServiceDecl.class)
                            .size()
                    > 0) {
                order.add(f);
            }
        });
        texts.keySet().stream().filter(f -> !order.contains(f)).forEach(order::add);
        List<Analysis> programs = new ArrayList<>();
        Map<Path, Analysis> analysisOf = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Path f : order) {
            if (analysisOf.containsKey(f)) {
                continue;
            }
            Analysis a;
            try {
                a = analyzer.analyze(f, sources);
            } catch (Analyzer.UnreadableSourceException e) {
                err.println("blueprint: " + Display.path(f) + ": "
                        + sources.problem(f).orElse("cannot be read"));
                return Optional.empty();
            }
            programs.add(a);
            a.program().files().keySet().forEach(p -> analysisOf.putIfAbsent(p, a));
            for (Diagnostic d : a.diagnostics()) {
                if (seen.add(d.file() + ":" + d.span() + ":" + d.code() + ":" + d.message())) {
                    diagnostics.add(d);
                }
            }
        }
        return Optional.of(new Checked(programs, diagnostics, analysisOf));
    }

    /**
     * Reads {@code file} (with its imports), analyses it and plans its project with {@link Pipeline#plan} as the
     * blueprint declares it (the command line has no package override, so a refusal is always
     * {@link Pipeline.HasErrors}). Empty when the input is unreadable; a refusal's errors are printed to
     * {@code err}, ending with the line that says nothing was generated.
     */
    public static Optional<Pipeline.Plan> plan(Path file, PrintWriter err) {
        Optional<Checked> checked = check(List.of(file), err);
        if (checked.isEmpty()) return Optional.empty();
        Analysis analysis = checked.get().programs().get(0);
        Pipeline.Plan plan = Pipeline.plan(analysis, Pipeline.Options.DEFAULT);
        if (plan instanceof Pipeline.HasErrors refused) {
            for (Diagnostic d : refused.errors()) {
                Display.Place place = Display.Place.of(
                        d, analysis.program().files().get(d.file()).lines());
                err.printf(
                        "%s:%d:%d: error: %s [%s]%n",
                        Display.path(d.file()),
                        place.line(),
                        place.column(),
                        d.message(),
                        d.code().id());
            }
            err.println("blueprint: " + Display.path(file.toAbsolutePath().normalize())
                    + " has errors; nothing was generated");
        }
        return Optional.of(plan);
    }
}
