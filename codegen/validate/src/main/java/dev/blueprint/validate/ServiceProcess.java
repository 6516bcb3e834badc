package dev.blueprint.validate;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The service under test as a child JVM: the toolchain's own classpath (which carries the runtime) plus the
 * compiled classes, the generated {@code Main}, the environment {@code validate} chose. Its output goes to a log
 * file. {@link #close()} kills it if it still runs; a JVM shutdown hook does the same on Ctrl-C.
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Thread killer;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.killer = new Thread(process::destroyForcibly, "validate-kill-service");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    static ServiceProcess start(Path classes, String mainClass, Map<String, String> environment, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseParallelGC");
        command.add("-Xms128m");
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(classes.toAbsolutePath() + File.pathSeparator + System.getProperty("java.class.path"));
        command.add(mainClass);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new ServiceProcess(builder.start(), log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** SIGTERM, as an orchestrator sends it. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the exit; its code, or empty when it still runs after {@code timeout}. */
    Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) return Optional.of(process.exitValue());
        return Optional.empty();
    }

    /** The last lines of the service's log, for a failure's reason. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }
}
