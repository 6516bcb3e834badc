package dev.blueprint.cli;

import dev.blueprint.build.InProcessService;
import dev.blueprint.build.ProjectWriter;
import dev.blueprint.codegen.Secrets;
import dev.blueprint.codegen.spec.ServiceSpec;
import dev.blueprint.lang.settings.ServiceConfig;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code blueprint run FILE [--port N]}: check, generate and compile in-process, then start the service in this
 * JVM on embedded H2 databases under {@code .blueprint/run/NAME/} in the working folder (every store, whatever its
 * engine: this is the local loop, no Maven and no database server needed; the data survives restarts). Ctrl-C or
 * SIGTERM stops it gracefully.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Compile a blueprint and start its service locally on embedded H2; Ctrl-C stops it.")
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The blueprint that declares the service.")
    Path file;

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "The port to listen on (default: the blueprint's; 0 picks a free one).")
    Integer port;

    @Spec
    CommandSpec spec;

    /** A service started from a blueprint, with its spec and the folder it runs in. */
    public record Started(RunningService service, ServiceSpec spec, Path workDirectory) implements AutoCloseable {
        @Override
        public void close() {
            service.stop();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = file.getFileName().toString().replaceFirst("\\.blueprint$", "");
        Path work = Path.of("")
                .toAbsolutePath()
                .resolve(".blueprint")
                .resolve("run")
                .resolve(name);
        Map<String, String> overrides = new HashMap<>();
        if (port != null) overrides.put("PORT", Integer.toString(port));
        Started started;
        try {
            started = start(file, work, Environment.system().with(overrides), err);
        } catch (StartFailure e) {
            return e.exitCode;
        }
        RunningService running = started.service();
        String base = "http://127.0.0.1:" + running.port();
        // the probes, /health and /metrics answer on the management port when the service has one
        String management = "http://127.0.0.1:" + running.managementPort();
        ServiceConfig.Probes probes = started.spec().config().probes();
        out.println(started.spec().config().name() + " "
                + started.spec().config().version() + " running at " + base + "  (embedded H2 in "
                + Display.path(started.workDirectory().resolve("data")) + ")");
        out.println("  live       " + management + probes.live());
        out.println("  ready      " + management + probes.ready());
        out.println("  startup    " + management + probes.startup());
        out.println("  health     " + management + "/health");
        out.println("  metrics    " + management + "/metrics");
        out.println("  openapi    " + base + "/openapi.json");
        out.println("Ctrl-C stops it gracefully.");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "blueprint-run-stop"));
        running.awaitStopped();
        return BlueprintCli.OK;
    }

    /** Why a service could not be started, as an exit code (already reported). */
    static final class StartFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        StartFailure(int exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }
    }

    /**
     * Checks, generates, compiles and starts the service of {@code file} in this JVM, its files under {@code work}
     * and every store on embedded H2 in {@code work/data}. Reports problems to {@code err}.
     */
    public static Started start(Path file, Path work, Environment environment, PrintWriter err)
            throws StartFailure, IOException {
        CompileCommand.Generated generated = CompileCommand.generate(file, err);
        if (generated.files().isEmpty()) throw new StartFailure(generated.exitCode());
        Map<String, String> files = generated.files().get();
        ServiceSpec serviceSpec = generated.spec().orElseThrow();
        // every store runs on embedded H2 here, so only the API keys and the JWT key must come from outside
        List<Secrets.Secret> missing = Secrets.of(serviceSpec).stream()
                .filter(s -> s.required()
                        && !s.database()
                        && environment.find(s.variable()).isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            err.println("blueprint: " + serviceSpec.config().name() + " reads "
                    + (missing.size() == 1 ? "a secret" : "secrets") + " from its environment; set "
                    + (missing.size() == 1 ? "it" : "them") + " and run again:");
            int width =
                    missing.stream().mapToInt(s -> s.variable().length()).max().orElse(0);
            for (Secrets.Secret s : missing) {
                err.println(
                        "  " + s.variable() + " ".repeat(width - s.variable().length() + 2) + s.purpose()
                                + (s.pem() ? " (e.g. " + s.variable() + "=\"$(cat public.pem)\")" : ""));
            }
            throw new StartFailure(BlueprintCli.ERRORS);
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
            return new Started(service.start(), serviceSpec, work);
        } catch (InProcessService.CompileFailure e) {
            err.println("blueprint: the generated code does not compile cleanly (a Blueprint bug; please report it):");
            e.diagnostics().forEach(d -> err.println("  " + d));
            throw new StartFailure(BlueprintCli.ERRORS);
        } catch (RuntimeException e) {
            err.println("blueprint: the service failed to start: " + e);
            throw new StartFailure(BlueprintCli.ERRORS);
        }
    }
}
