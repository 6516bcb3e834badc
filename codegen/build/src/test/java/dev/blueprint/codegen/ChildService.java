package dev.blueprint.codegen;

import dev.blueprint.runtime.Http;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A generated service run as a child JVM, the way {@code blueprint run} lays it out: the compiled classes (from
 * {@link dev.blueprint.build.InProcessService#load}) on the test's own classpath, which carries the runtime, on a free
 * loopback port. For the faults a process of its own can be sent: SIGTERM and SIGKILL. Its output goes to a log file
 * whose tail failure messages quote; {@link #close()} kills it if it still runs.
 */
final class ChildService implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ChildService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the generated {@code Main} of {@code files} from {@code classes} with {@code environment} (plus
     * {@code PORT} and {@code HOST}); does not wait for it to be ready.
     */
    static ChildService start(Path classes, Map<String, String> files, Map<String, String> environment, Path log)
            throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String classpath = classes + File.pathSeparator + System.getProperty("java.class.path");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                classpath,
                mainClass(files));
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("PORT", Integer.toString(port));
        variables.put("HOST", "127.0.0.1");
        builder.environment().putAll(variables);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new ChildService(builder.start(), port, log);
    }

    int port() {
        return port;
    }

    Http http() {
        return new Http(URI.create("http://127.0.0.1:" + port));
    }

    /** Polls readiness until it answers 200; fails (with the log's tail) when the process exits or after 60 s. */
    void awaitReady() throws InterruptedException {
        Http http = http();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (!process.isAlive())
                throw new AssertionError("the child service exited before it was ready:\n" + tail());
            try {
                if (http.get("/health/ready").status() == 200) return;
            } catch (RuntimeException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) throw new AssertionError("the child service is not ready:\n" + tail());
            Thread.sleep(100);
        }
    }

    /** SIGTERM, as an orchestrator stops a service. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: the process ends at once, with no shutdown hook, drain or pool close. */
    void kill() {
        process.destroyForcibly();
    }

    boolean awaitExit(Duration bound) throws InterruptedException {
        return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    /** The last lines of the service's log. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static String mainClass(Map<String, String> files) {
        return files.keySet().stream()
                .filter(p -> p.startsWith(Generator.JAVA_ROOT) && p.endsWith("/Main.java"))
                .findFirst()
                .orElseThrow()
                .substring(Generator.JAVA_ROOT.length())
                .replace(".java", "")
                .replace('/', '.');
    }
}
