package dev.blueprint.cli;

import dev.blueprint.build.Display;
import dev.blueprint.build.LocalService;
import dev.blueprint.lang.settings.ServiceConfig;
import dev.blueprint.runtime.Environment;
import dev.blueprint.runtime.RunningService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
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
 * engine: this is the local loop, no Maven and no database server needed; the data survives restarts), through
 * {@link LocalService}. Ctrl-C or SIGTERM stops it gracefully.
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
        LocalService.Started started;
        try {
            started = LocalService.start(file, work, Environment.system().with(overrides), err);
        } catch (LocalService.NotStarted e) {
            return e.unreadableInput() ? BlueprintCli.USAGE : BlueprintCli.ERRORS;
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
}
