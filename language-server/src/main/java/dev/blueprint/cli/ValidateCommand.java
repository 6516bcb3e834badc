package dev.blueprint.cli;

import dev.blueprint.build.Display;
import dev.blueprint.validate.Report;
import dev.blueprint.validate.ValidateOptions;
import dev.blueprint.validate.Validation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code blueprint validate FILE}: generate the service, run it as a separate process, and certify it (functional
 * pass, load, database fault, graceful shutdown) through {@link Validation#validate}; this class parses the options
 * (defaults from {@link ValidateOptions}) and shows progress on the terminal. Prints a summary table, writes
 * {@code report.json} and a self-contained {@code report.html}. Exit 0 only when every step passed; 1 when a step
 * failed or the blueprint has errors; 2 on bad usage or unreadable input.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description =
                "Generate, run and certify a blueprint's service under load and faults; writes JSON and HTML reports.")
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The blueprint that declares the service.")
    Path file;

    @Option(
            names = "--database",
            paramLabel = "URL",
            description =
                    "A PostgreSQL JDBC URL (jdbc:postgresql://HOST[:PORT]/DB) to run on; default: H2 in the report folder.")
    String database;

    @Option(
            names = "--database-user",
            paramLabel = "NAME",
            description = "The user for --database (default: the blueprint's).")
    String databaseUser;

    @Option(
            names = "--database-password",
            paramLabel = "TEXT",
            description = "The password for --database (default: the blueprint's).")
    String databasePassword;

    @Option(
            names = "--connections",
            paramLabel = "N",
            defaultValue = "" + ValidateOptions.DEFAULT_CONNECTIONS,
            description = "Requests in flight during the load step (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(
            names = "--duration",
            paramLabel = "TIME",
            defaultValue = ValidateOptions.DEFAULT_DURATION,
            converter = DurationConverter.class,
            description = "How long the load step runs, e.g. 20s, 500ms, 2m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--request-timeout",
            paramLabel = "TIME",
            defaultValue = ValidateOptions.DEFAULT_REQUEST_TIMEOUT,
            converter = DurationConverter.class,
            description =
                    "How long the client waits for one answer before counting a timeout (default: ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    @Option(
            names = "--startup-timeout",
            paramLabel = "TIME",
            defaultValue = ValidateOptions.DEFAULT_STARTUP_TIMEOUT,
            converter = DurationConverter.class,
            description = "How long the startup probe may take to answer 200 (default: ${DEFAULT-VALUE}).")
    Duration startupTimeout;

    @Option(
            names = {"-o", "--report"},
            paramLabel = "DIR",
            description =
                    "Where report.json, report.html and the service's log go (default: .blueprint/validate/NAME).")
    Path reports;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ValidateOptions options;
        try {
            options = new ValidateOptions(
                    connections,
                    duration,
                    Optional.ofNullable(database),
                    Optional.ofNullable(databaseUser),
                    Optional.ofNullable(databasePassword),
                    reports != null ? reports : ValidateOptions.defaultReports(Path.of(""), file),
                    requestTimeout,
                    startupTimeout);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Validation.Outcome outcome = Validation.validate(file, options, new ConsoleProgress(err));
        if (outcome.report().isEmpty()) {
            err.print(outcome.problems());
            err.flush();
            return outcome.exitCode();
        }
        outcome.report().get().printSummary(out);
        out.println();
        out.println("report: " + Display.path(outcome.html().toAbsolutePath().normalize()) + "  (JSON: "
                + Display.path(outcome.json().toAbsolutePath().normalize()) + ")");
        out.flush();
        return outcome.exitCode();
    }

    /** A duration as {@link ValidateOptions#duration(String)} reads it: {@code 20s}, {@code 500ms}, {@code 2m}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return ValidateOptions.duration(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Progress on the terminal: a line per step, updated in place when the terminal is interactive. */
    static final class ConsoleProgress implements Validation.Progress {
        private final PrintWriter err;
        private final boolean interactive = System.console() != null;
        private String title = "";
        private long lastPrinted;

        ConsoleProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void step(String id, String title) {
            this.title = title;
            if (interactive) err.print("\r\033[K");
            err.print("… " + title);
            if (!interactive) err.println();
            err.flush();
        }

        @Override
        public void update(String line) {
            long now = System.nanoTime();
            if (interactive) {
                err.print("\r\033[K… " + title + "  " + line);
            } else if (now - lastPrinted > 5_000_000_000L) {
                err.println("  " + line);
                lastPrinted = now;
            } else {
                return;
            }
            err.flush();
        }

        @Override
        public void done(Report.Step step) {
            if (interactive) err.print("\r\033[K");
            err.println(Report.mark(step.status()).toLowerCase(java.util.Locale.ROOT) + " " + step.title()
                    + (step.reason().isEmpty()
                            ? ""
                            : ": " + step.reason().lines().findFirst().orElse("")));
            err.flush();
        }
    }
}
