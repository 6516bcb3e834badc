package dev.blueprint.cli;

import dev.blueprint.build.Display;
import dev.blueprint.build.InProcessService;
import dev.blueprint.build.Inputs;
import dev.blueprint.build.JavaCompilation;
import dev.blueprint.build.ProjectWriter;
import dev.blueprint.codegen.Generator;
import dev.blueprint.codegen.Pipeline;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Optional<Pipeline.Plan> plan = Inputs.plan(file, err);
        if (plan.isEmpty()) return BlueprintCli.USAGE;
        if (!(plan.get() instanceof Pipeline.Ready ready)) return BlueprintCli.ERRORS;
        Map<String, String> files = ready.files();
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
}
