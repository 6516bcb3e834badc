package dev.blueprint.validate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to validate; the one place that holds the defaults, which the command line's help shows and the language
 * server's "Validate" uses.
 *
 * @param connections requests in flight during the load step (the closed loop's users)
 * @param duration how long the load step runs
 * @param database a PostgreSQL JDBC URL, or empty for H2
 * @param databaseUser the user for {@code database}, or empty for the blueprint's
 * @param databasePassword the password for {@code database}, or empty for the blueprint's
 * @param reports the folder for report.json, report.html, the service's log and its build
 * @param requestTimeout how long a client waits for one answer before counting a timeout
 * @param startupTimeout how long the startup probe may take to answer 200
 */
public record ValidateOptions(
        int connections,
        Duration duration,
        Optional<String> database,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        Path reports,
        Duration requestTimeout,
        Duration startupTimeout) {

    /** The default of {@link #connections}. */
    public static final int DEFAULT_CONNECTIONS = 256;
    /** The default of {@link #duration}, as a user writes it ({@link #duration(String)}). */
    public static final String DEFAULT_DURATION = "20s";
    /** The default of {@link #requestTimeout}, as a user writes it. */
    public static final String DEFAULT_REQUEST_TIMEOUT = "10s";
    /** The default of {@link #startupTimeout}, as a user writes it. */
    public static final String DEFAULT_STARTUP_TIMEOUT = "60s";

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    /** Checks the values; the messages name the command line's options. */
    public ValidateOptions {
        if (connections < 1) throw new IllegalArgumentException("--connections must be at least 1, not " + connections);
        if (connections > 10_000)
            throw new IllegalArgumentException("--connections must be at most 10000, not " + connections);
        if (duration.isNegative() || duration.isZero())
            throw new IllegalArgumentException("--duration must be positive");
        if (duration.compareTo(Duration.ofMinutes(30)) > 0)
            throw new IllegalArgumentException("--duration must be at most 30m");
        database.flatMap(Databases::problem).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    /** Every default, on H2, with the reports in {@code reports}. */
    public static ValidateOptions defaults(Path reports) {
        return new ValidateOptions(
                DEFAULT_CONNECTIONS,
                duration(DEFAULT_DURATION),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                reports,
                duration(DEFAULT_REQUEST_TIMEOUT),
                duration(DEFAULT_STARTUP_TIMEOUT));
    }

    /** The default reports folder of {@code blueprint}: {@code .blueprint/validate/NAME} in {@code base}. */
    public static Path defaultReports(Path base, Path blueprint) {
        String name = blueprint.getFileName().toString().replaceFirst("\\.blueprint$", "");
        return base.resolve(".blueprint").resolve("validate").resolve(name);
    }

    /**
     * A duration as a user writes it: {@code 20s}, {@code 500ms}, {@code 2m}, {@code 1h}; a bare number is seconds.
     *
     * @throws IllegalArgumentException when {@code text} is not one
     */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not a duration (like 20s, 500ms, 2m)");
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 1000;
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
