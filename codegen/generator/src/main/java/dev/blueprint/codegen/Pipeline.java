package dev.blueprint.codegen;

import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.Specs;
import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.check.Severity;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import javax.lang.model.SourceVersion;

/**
 * The one way from an analysed program to its generated project: refuse when the program must not be generated,
 * else build its {@link ServiceSpec} and {@link Generator#generate generate} it. Pure, no I/O. {@code blueprint
 * compile}, {@code run} and {@code validate} and the language server's "Generate service" all plan through here;
 * they differ only in how they present a refusal (the command line prints each error with its file, line and
 * column; the editor shows a sentence).
 */
public final class Pipeline {
    private Pipeline() {}

    /**
     * What the caller may change about the generated project.
     *
     * @param javaPackage the Java package of the generated code instead of the blueprint's (the editor's
     *     {@code blueprint.javaPackage} setting); empty for the blueprint's own
     */
    public record Options(Optional<String> javaPackage) {
        /** The blueprint's project as it declares it. */
        public static final Options DEFAULT = new Options(Optional.empty());
    }

    /** What planning gave: the project, or why there is none. */
    public sealed interface Plan permits Ready, Refused {}

    /** The generated project: {@code files} by path relative to the project root, generated from {@code spec}. */
    public record Ready(ServiceSpec spec, SortedMap<String, String> files) implements Plan {}

    /** Why the program is not generated; nothing was generated. */
    public sealed interface Refused extends Plan permits HasErrors, InvalidJavaPackage {}

    /** The program has errors: {@code errors} are its error diagnostics, in the analysis's order (never empty). */
    public record HasErrors(List<Diagnostic> errors) implements Refused {
        public HasErrors {
            errors = List.copyOf(errors);
        }
    }

    /** {@link Options#javaPackage()} is not a Java package name. */
    public record InvalidJavaPackage(String javaPackage) implements Refused {}

    /** Why {@code analysis} must not be generated with {@code options}, without running the generator; empty when it may. */
    public static Optional<Refused> refusal(Analysis analysis, Options options) {
        List<Diagnostic> errors = analysis.diagnostics().stream()
                .filter(d -> d.severity() == Severity.ERROR)
                .toList();
        if (!errors.isEmpty()) return Optional.of(new HasErrors(errors));
        return options.javaPackage().filter(pkg -> !SourceVersion.isName(pkg)).map(InvalidJavaPackage::new);
    }

    /** Plans the project of {@code analysis}: refused with the reason, or ready with its files. */
    public static Plan plan(Analysis analysis, Options options) {
        Optional<Refused> refusal = refusal(analysis, options);
        if (refusal.isPresent()) return refusal.get();
        ServiceSpec spec = Specs.from(analysis);
        if (options.javaPackage().isPresent())
            spec = spec.withJavaPackage(options.javaPackage().get());
        return new Ready(spec, Generator.generate(spec));
    }
}
