package dev.blueprint.validate;

import dev.blueprint.build.JavaCompilation;
import dev.blueprint.build.ProjectWriter;
import dev.blueprint.codegen.Generator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Step 1: compiles the generated Java in-process, as {@code blueprint compile} does, into {@code work/classes} with
 * the resources beside it, and writes the project into {@code work/project}. Gives the class the child JVM starts.
 */
final class CompileStep implements Step {
    private final Path work;
    private Optional<String> mainClass = Optional.empty();

    CompileStep(Path work) {
        this.work = work;
    }

    @Override
    public String id() {
        return "compile";
    }

    /** Where the classes are. */
    Path classes() {
        return work.resolve("classes");
    }

    /** The generated {@code Main}'s class name, once the step passed. */
    Optional<String> mainClass() {
        return mainClass;
    }

    @Override
    public StepResult run(Context context) throws IOException {
        Map<String, String> files = context.files();
        Map<String, String> sources = Generator.javaSources(files);
        JavaCompilation.Result result =
                JavaCompilation.compile(sources, classes(), System.getProperty("java.class.path"));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("files", files.size());
        figures.put("java sources", sources.size());
        if (!result.success()) {
            return StepResult.failed(
                    "the generated code does not compile cleanly (a Blueprint bug; please report it):\n"
                            + String.join("\n", result.diagnostics()),
                    figures);
        }
        Map<String, String> resources = new HashMap<>();
        files.forEach((path, text) -> {
            if (path.startsWith(Generator.RESOURCES_ROOT))
                resources.put(path.substring(Generator.RESOURCES_ROOT.length()), text);
        });
        ProjectWriter.write(resources, classes());
        ProjectWriter.write(files, work.resolve("project"));
        mainClass = Optional.of(files.keySet().stream()
                .filter(p -> p.startsWith(Generator.JAVA_ROOT) && p.endsWith("/Main.java"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the generated project has no Main"))
                .substring(Generator.JAVA_ROOT.length())
                .replace(".java", "")
                .replace('/', '.'));
        return StepResult.passed(figures);
    }
}
