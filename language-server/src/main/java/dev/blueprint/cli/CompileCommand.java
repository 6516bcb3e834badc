package dev.blueprint.cli;

import dev.blueprint.build.InProcessService;
import dev.blueprint.build.JavaCompilation;
import dev.blueprint.build.ProjectWriter;
import dev.blueprint.codegen.Generator;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.codegen.spec.Specs;
import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.check.Severity;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code blueprint compile FILE -o DIR}: check, generate the service project into DIR, and compile the generated
 * sources in-process against the runtime before reporting success. Exit 1 when the check finds errors (nothing
 * is written) or when the generated code does not compile cleanly; 2 on bad usage or unreadable input.
 */
@Command(
        name = "compile",
        mixinStandardHelpOptions = true,
        description = "Check a blueprint and generate its service project (Maven, Docker, Kubernetes) into a folder.")
public final class CompileCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The blueprint that declares the service.")
    Path file;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "DIR",
            description = "Where to write the project.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Generated generated = generate(file, err);
        if (generated.files().isEmpty()) return generated.exitCode();
        Map<String, String> files = generated.files().get();
        Path classes = Files.createTempDirectory("blueprint-classes");
        try {
            JavaCompilation.Result result = JavaCompilation.compile(
                    Generator.javaSources(files), classes, System.getProperty("java.class.path"));
            if (!result.success()) {
                err.println(
                        "blueprint: the generated code does not compile cleanly (a Blueprint bug; please report it):");
                result.diagnostics().forEach(d -> err.println("  " + d));
                return BlueprintCli.ERRORS;
            }
        } finally {
            InProcessService.deleteRecursively(classes);
        }
        ProjectWriter.write(files, output);
        out.println("generated " + files.size() + " files into "
                + Display.path(output.toAbsolutePath().normalize()) + " (Java compiled cleanly)");
        return BlueprintCli.OK;
    }

    /** The generated project and the spec it came from, or the exit code that explains why there is none. */
    record Generated(Optional<ServiceSpec> spec, Optional<Map<String, String>> files, int exitCode) {}

    /** Checks {@code file} and generates its project; errors and unreadable input are reported to {@code err}. */
    static Generated generate(Path file, PrintWriter err) {
        Optional<Inputs.Checked> checked = Inputs.check(List.of(file), err);
        if (checked.isEmpty()) return new Generated(Optional.empty(), Optional.empty(), BlueprintCli.USAGE);
        Analysis analysis = checked.get().programs().get(0);
        if (analysis.hasErrors()) {
            for (Diagnostic d : analysis.diagnostics()) {
                if (d.severity() != Severity.ERROR) continue;
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
            return new Generated(Optional.empty(), Optional.empty(), BlueprintCli.ERRORS);
        }
        ServiceSpec serviceSpec = Specs.from(analysis);
        return new Generated(Optional.of(serviceSpec), Optional.of(Generator.generate(serviceSpec)), BlueprintCli.OK);
    }
}
