package dev.blueprint.build;

import dev.blueprint.codegen.Generator;
import dev.blueprint.runtime.Environment;
import dev.blueprint.runtime.Service;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads a generated project into this JVM without Maven: compiles its Java in-process, puts its resources beside
 * the classes, and calls the generated {@code Main.create(Environment)} in a class loader whose parent carries the
 * runtime. {@link LocalService} starts a blueprint's service through it.
 */
public final class InProcessService {

    /** The generated code did not compile cleanly. */
    public static final class CompileFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> diagnostics;

        CompileFailure(List<String> diagnostics) {
            super("the generated code does not compile cleanly: " + String.join("; ", diagnostics));
            this.diagnostics = List.copyOf(diagnostics);
        }

        public List<String> diagnostics() {
            return diagnostics;
        }
    }

    private InProcessService() {}

    /**
     * Compiles {@code files} (a generated project) into {@code work/classes} and builds its service with
     * {@code environment}; the service is not started yet.
     */
    public static Service load(Map<String, String> files, Path work, Environment environment)
            throws IOException, CompileFailure {
        Path classes = work.resolve("classes");
        deleteRecursively(classes);
        JavaCompilation.Result result =
                JavaCompilation.compile(Generator.javaSources(files), classes, System.getProperty("java.class.path"));
        if (!result.success()) throw new CompileFailure(result.diagnostics());
        Map<String, String> resources = new HashMap<>();
        files.forEach((path, text) -> {
            if (path.startsWith(Generator.RESOURCES_ROOT))
                resources.put(path.substring(Generator.RESOURCES_ROOT.length()), text);
        });
        ProjectWriter.write(resources, classes);
        String mainClass = files.keySet().stream()
                .filter(p -> p.startsWith(Generator.JAVA_ROOT) && p.endsWith("/Main.java"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the project has no Main"))
                .substring(Generator.JAVA_ROOT.length())
                .replace(".java", "")
                .replace('/', '.');
        URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, InProcessService.class.getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return (Service) loader.loadClass(mainClass)
                    .getMethod("create", Environment.class)
                    .invoke(null, environment);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException("the generated Main failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the generated " + mainClass, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
