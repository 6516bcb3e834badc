package dev.blueprint.lsp.ide;

import dev.blueprint.codegen.Generator;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.Specs;
import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.check.Severity;
import dev.blueprint.lang.model.ServiceDecl;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javax.lang.model.SourceVersion;

/**
 * Generating the service of a program from the editor, and telling when a generated project is
 * stale. The generator itself is {@link Generator#generate}: this class decides where its files
 * go, refuses (with the reason) when it must not run, and compares a generated project's stamp
 * with the program's text. No I/O of its own: files are read through a function.
 */
public final class Generation {
    private Generation() {}

    /** The editor's settings that generation reads. */
    public record Settings(String outputFolder, String javaPackage) {
        public static final String DEFAULT_OUTPUT_FOLDER = "generated";
        public static final Settings DEFAULT = new Settings(DEFAULT_OUTPUT_FOLDER, "");

        public Settings {
            outputFolder =
                    outputFolder == null || outputFolder.isBlank() ? DEFAULT_OUTPUT_FOLDER : outputFolder.strip();
            javaPackage = javaPackage == null ? "" : javaPackage.strip();
        }
    }

    /** What generating would do: refuse with a reason, or write these files into {@code project}. */
    public sealed interface Plan {}

    /** Generation must not run; {@code reason} says why, in words for the user. */
    public record Refused(String reason) implements Plan {}

    /**
     * The generated project: {@code files} by path relative to {@code project}, exactly
     * {@link Generator#generate} of the program's spec (with the package override, if any).
     */
    public record Ready(Path blueprint, Path project, ServiceSpec spec, Map<String, String> files) implements Plan {
        /** The changes the files make to what {@code read} finds on disk: new files and changed files, in path order. */
        public List<FileChange> changes(Function<Path, Optional<String>> read) {
            List<FileChange> out = new ArrayList<>();
            for (var f : files.entrySet()) {
                Path target = project.resolve(f.getKey()).normalize();
                Optional<String> current = read.apply(target);
                if (current.isEmpty() || !current.get().equals(f.getValue())) {
                    out.add(new FileChange(target, current, f.getValue()));
                }
            }
            return out;
        }
    }

    /** One file to write: {@code current} is its text on disk (empty: the file is new). */
    public record FileChange(Path file, Optional<String> current, String text) {}

    /**
     * The folder a blueprint's project is generated into: {@code outputFolder} (relative: against
     * the workspace folder holding the blueprint, else the blueprint's own folder; {@code ~} is the
     * home folder), then a folder named after the blueprint file. The VS Code extension's
     * {@code outputDirectory} follows the same rule.
     */
    public static Path projectFolder(Path blueprint, String outputFolder, List<Path> workspaceFolders) {
        Path file = blueprint.toAbsolutePath().normalize();
        Path base = workspaceFolders.stream()
                .map(p -> p.toAbsolutePath().normalize())
                .filter(file::startsWith)
                .max(java.util.Comparator.comparingInt(Path::getNameCount))
                .orElse(file.getParent());
        String folder = new Settings(outputFolder, "").outputFolder();
        Path root;
        if (folder.equals("~") || folder.startsWith("~/")) {
            root = Path.of(System.getProperty("user.home"))
                    .resolve(folder.substring(1).replaceFirst("^/", ""));
        } else {
            Path p = Path.of(folder);
            root = p.isAbsolute() ? p : base.resolve(p);
        }
        String name = file.getFileName().toString().replaceFirst("\\.blueprint$", "");
        return root.resolve(name).normalize();
    }

    /**
     * Plans the generation of the program {@code ctx} belongs to (its root, the file with the
     * service). Runs the generator: call it off the request thread. {@code cancelled} is asked
     * between steps; when it says yes, a {@link CancellationException} is thrown.
     */
    public static Plan plan(
            FileContext ctx, Settings settings, List<Path> workspaceFolders, BooleanSupplier cancelled) {
        Analysis analysis = ctx.analysis();
        Path blueprint = analysis.program().root();
        Optional<String> refusal = refusal(analysis, settings);
        if (refusal.isPresent()) {
            return new Refused(refusal.get());
        }
        check(cancelled);
        ServiceSpec spec = Specs.from(analysis);
        if (!settings.javaPackage().isEmpty()) {
            spec = spec.withJavaPackage(settings.javaPackage());
        }
        check(cancelled);
        Map<String, String> files = Generator.generate(spec);
        check(cancelled);
        return new Ready(blueprint, projectFolder(blueprint, settings.outputFolder(), workspaceFolders), spec, files);
    }

    /** Why the program cannot be generated now, without running the generator; empty when it can. */
    public static Optional<String> refusal(Analysis analysis, Settings settings) {
        String name = analysis.program().root().getFileName().toString();
        List<Diagnostic> errors = analysis.diagnostics().stream()
                .filter(d -> d.severity() == Severity.ERROR)
                .toList();
        if (!errors.isEmpty()) {
            Diagnostic first = errors.get(0);
            SourceFile f = analysis.program().files().get(first.file());
            String where = first.file().getFileName()
                    + (f == null ? "" : ":" + (f.lines().line(first.span().start()) + 1));
            return Optional.of("Cannot generate the service: " + name + " has " + errors.size()
                    + (errors.size() == 1 ? " error" : " errors") + " (first, " + where + ": " + first.message()
                    + "). Fix " + (errors.size() == 1 ? "it" : "them") + " first.");
        }
        String pkg = settings.javaPackage();
        if (!pkg.isEmpty() && !SourceVersion.isName(pkg)) {
            return Optional.of("Cannot generate the service: the Java package setting (blueprint.javaPackage) '" + pkg
                    + "' is not a Java package name.");
        }
        return Optional.empty();
    }

    private static void check(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("generation cancelled");
        }
    }

    /**
     * The stale-project diagnostic (BP0601) for the program rooted at {@code analysis}'s root, when
     * its project was generated (the stamp in {@code project} exists) from a different text than
     * the program's now. It sits on the service's name in the root file.
     */
    public static Optional<Diagnostic> staleness(
            Analysis analysis, Path project, Function<Path, Optional<String>> read) {
        SourceFile root = analysis.program().rootFile();
        if (root == null) {
            return Optional.empty();
        }
        Optional<ServiceDecl> service = root.decls(ServiceDecl.class).stream().findFirst();
        if (service.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> stamped = read.apply(project.resolve(Generator.STAMP)).flatMap(Generator::stampedFingerprint);
        if (stamped.isEmpty() || stamped.get().equals(Specs.fingerprint(analysis.program()))) {
            return Optional.empty();
        }
        ServiceDecl s = service.get();
        Span at = s.name().isMissing()
                ? new Span(s.span().start(), s.span().start())
                : s.name().span();
        return Optional.of(Diagnostic.of(
                Code.STALE_GENERATED,
                root.path(),
                at,
                "the generated project in " + project + " is stale: "
                        + root.path().getFileName()
                        + " (or a file it imports) changed after it was generated; generate the service again"));
    }
}
