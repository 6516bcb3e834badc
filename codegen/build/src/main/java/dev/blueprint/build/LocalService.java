package dev.blueprint.build;

import dev.blueprint.codegen.Pipeline;
import dev.blueprint.codegen.Secrets;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.runtime.Environment;
import dev.blueprint.runtime.RunningService;
import dev.blueprint.runtime.Service;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A blueprint's service started in this JVM the way {@code blueprint run} starts it: checked, generated, compiled
 * in-process ({@link InProcessService}) and started with every store on embedded H2 under a work folder. What the
 * command and the end-to-end tests start services with.
 */
public final class LocalService {
    private LocalService() {}

    /** A service started from a blueprint, with its spec and the folder it runs in; closing it stops it. */
    public record Started(RunningService service, ServiceSpec spec, Path workDirectory) implements AutoCloseable {
        @Override
        public void close() {
            service.stop();
        }
    }

    /** Why a service was not started; the problem was already reported. */
    public static final class NotStarted extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean unreadableInput;

        NotStarted(boolean unreadableInput) {
            super(null, null, false, false);
            this.unreadableInput = unreadableInput;
        }

        /** The blueprint could not be read (rather than: it has errors, or its service could not start). */
        public boolean unreadableInput() {
            return unreadableInput;
        }
    }

    /**
     * Checks, generates, compiles and starts the service of {@code file} in this JVM: its project in
     * {@code work/project}, its classes in {@code work/classes} and every store on embedded H2 in {@code work/data}.
     * {@code HOST} is loopback unless {@code environment} says otherwise. Reports problems to {@code err}.
     */
    public static Started start(Path file, Path work, Environment environment, PrintWriter err)
            throws NotStarted, IOException {
        Optional<Pipeline.Plan> plan = Inputs.plan(file, err);
        if (plan.isEmpty()) throw new NotStarted(true);
        if (!(plan.get() instanceof Pipeline.Ready ready)) throw new NotStarted(false);
        Map<String, String> files = ready.files();
        ServiceSpec spec = ready.spec();
        // every store runs on embedded H2 here, so only the API keys and the JWT key must come from outside
        List<Secrets.Secret> missing = Secrets.of(spec).stream()
                .filter(s -> s.required()
                        && !s.database()
                        && environment.find(s.variable()).isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            err.println("blueprint: " + spec.config().name() + " reads "
                    + (missing.size() == 1 ? "a secret" : "secrets") + " from its environment; set "
                    + (missing.size() == 1 ? "it" : "them") + " and run again:");
            int width =
                    missing.stream().mapToInt(s -> s.variable().length()).max().orElse(0);
            for (Secrets.Secret s : missing) {
                err.println(
                        "  " + s.variable() + " ".repeat(width - s.variable().length() + 2) + s.purpose()
                                + (s.pem() ? " (e.g. " + s.variable() + "=\"$(cat public.pem)\")" : ""));
            }
            throw new NotStarted(false);
        }
        Path project = work.resolve("project");
        InProcessService.deleteRecursively(project);
        ProjectWriter.write(files, project);
        Path data = work.resolve("data");
        Files.createDirectories(data);
        Map<String, String> embedded = new HashMap<>();
        embedded.put("BLUEPRINT_EMBEDDED_DIR", data.toString());
        if (environment.find("HOST").isEmpty()) embedded.put("HOST", "127.0.0.1");
        try {
            Service service = InProcessService.load(files, work, environment.with(embedded));
            return new Started(service.start(), spec, work);
        } catch (InProcessService.CompileFailure e) {
            err.println("blueprint: the generated code does not compile cleanly (a Blueprint bug; please report it):");
            e.diagnostics().forEach(d -> err.println("  " + d));
            throw new NotStarted(false);
        } catch (RuntimeException e) {
            err.println("blueprint: the service failed to start: " + e);
            throw new NotStarted(false);
        }
    }
}
