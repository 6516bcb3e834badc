package dev.blueprint.lsp.ide;

import dev.blueprint.codegen.Generator;
import dev.blueprint.codegen.Pipeline;
import dev.blueprint.codegen.spec.Specs;
import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.model.ServiceDecl;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Generating the service of a program from the editor, and telling when a generated project is
 * stale. Planning is {@link Pipeline#plan}, as for the command line: this class feeds it the
 * editor's settings, decides where the files go, words a refusal for the user, and compares a
 * generated project's stamp with the program's text. No I/O of its own: files are read through a
 * function.
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

        /** The pipeline's options these settings make: the package override, when there is one. */
        public Pipeline.Options options() {
            return new Pipeline.Options(javaPackage.isEmpty() ? Optional.empty() : Optional.of(javaPackage));
        }
    }

    /** One file to write: {@code current} is its text on disk (empty: the file is new). */
    public record FileChange(Path file, Optional<String> current, String text) {}

    /**
     * The changes {@code ready}'s files, generated into {@code project}, make to what {@code read}
     * finds on disk: new files and changed files, in path order.
     */
    public static List<FileChange> changes(Pipeline.Ready ready, Path project, Function<Path, Optional<String>> read) {
        List<FileChange> out = new ArrayList<>();
        for (var f : ready.files().entrySet()) {
            Path target = project.resolve(f.getKey()).normalize();
            Optional<String> current = read.apply(target);
            if (current.isEmpty() || !current.get().equals(f.getValue())) {
                out.add(new FileChange(target, current, f.getValue()));
            }
        }
        return out;
    }

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

    /** The folder the program {@code ctx} belongs to is generated into ({@link #projectFolder} of its root file). */
    public static Path projectOf(FileContext ctx, Settings settings, List<Path> workspaceFolders) {
        return projectFolder(ctx.analysis().program().root(), settings.outputFolder(), workspaceFolders);
    }

    /**
     * Plans the generation of the program {@code ctx} belongs to (its root, the file with the
     * service). Runs the generator: call it off the request thread. {@code cancelled} is asked
     * before and after; when it says yes, a {@link CancellationException} is thrown.
     */
    public static Pipeline.Plan plan(FileContext ctx, Settings settings, BooleanSupplier cancelled) {
        Analysis analysis = ctx.analysis();
        Optional<Pipeline.Refused> refused = Pipeline.refusal(analysis, settings.options());
        if (refused.isPresent()) {
            return refused.get();
        }
        check(cancelled);
        Pipeline.Plan plan = Pipeline.plan(analysis, settings.options());
        check(cancelled);
        return plan;
    }

    /** Why the program cannot be generated now, without running the generator; empty when it can. */
    public static Optional<String> refusal(Analysis analysis, Settings settings) {
        return Pipeline.refusal(analysis, settings.options()).map(r -> reason(analysis, r));
    }

    /** A refusal in words for the user: how many errors and the first, or the bad package setting. */
    public static String reason(Analysis analysis, Pipeline.Refused refused) {
        if (refused instanceof Pipeline.InvalidJavaPackage bad) {
            return "Cannot generate the service: the Java package setting (blueprint.javaPackage) '" + bad.javaPackage()
                    + "' is not a Java package name.";
        }
        List<Diagnostic> errors = ((Pipeline.HasErrors) refused).errors();
        String name = analysis.program().root().getFileName().toString();
        Diagnostic first = errors.get(0);
        SourceFile f = analysis.program().files().get(first.file());
        String where = first.file().getFileName()
                + (f == null ? "" : ":" + (f.lines().line(first.span().start()) + 1));
        return "Cannot generate the service: " + name + " has " + errors.size()
                + (errors.size() == 1 ? " error" : " errors") + " (first, " + where + ": " + first.message()
                + "). Fix " + (errors.size() == 1 ? "it" : "them") + " first.";
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
