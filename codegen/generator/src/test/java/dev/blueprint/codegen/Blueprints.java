package dev.blueprint.codegen;

import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.Specs;
import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.Analyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The blueprints end-to-end tests generate: the shared conformance files that must compile and start. */
final class Blueprints {

    private Blueprints() {}

    /** The project's root: the folder with the reactor pom and the shared folder beside it. */
    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolveSibling("shared").resolve("conformance"))
                    && Files.exists(p.resolve("pom.xml"))) return p;
        }
        throw new IllegalStateException("../shared/conformance not found");
    }

    /** The shared conformance folder beside the project's root. */
    static Path conformance() {
        return root().resolveSibling("shared").resolve("conformance");
    }

    /** Every valid program (a file declaring a service) under conformance/valid. */
    static List<Path> validPrograms() {
        try (Stream<Path> walk = Files.walk(conformance().resolve("valid"))) {
            return walk.filter(p -> p.toString().endsWith(".blueprint"))
                    .sorted()
                    .filter(Blueprints::declaresService)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The valid conformance programs and the project's own examples. */
    static List<Path> allPrograms() {
        Path examples = root().resolve("examples");
        try (Stream<Path> walk = Files.walk(examples)) {
            return Stream.concat(
                            validPrograms().stream(),
                            walk.filter(p -> p.toString().endsWith(".blueprint"))
                                    .sorted()
                                    .filter(Blueprints::declaresService))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One of the project's own examples. */
    static Path example(String name) {
        return root().resolve("examples").resolve(name);
    }

    static Path valid(String name) {
        return conformance().resolve("valid").resolve(name);
    }

    private static boolean declaresService(Path p) {
        try {
            return Files.readString(p).lines().anyMatch(l -> l.stripLeading().startsWith("service "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Analysis analyze(Path file) {
        try {
            return new Analyzer().analyze(file, Blueprints::read);
        } catch (Analyzer.UnreadableSourceException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A source from the disk; the conformance and example files are UTF-8. */
    private static java.util.Optional<String> read(Path path) {
        try {
            return java.util.Optional.of(Files.readString(path));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    static ServiceSpec spec(Path file) {
        Analysis analysis = analyze(file);
        if (analysis.hasErrors()) throw new IllegalStateException(file + " has errors: " + analysis.diagnostics());
        return Specs.from(analysis);
    }
}
