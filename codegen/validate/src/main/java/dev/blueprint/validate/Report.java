package dev.blueprint.validate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a validation found: each step with its status, reason and figures, the functional checks one by one, and
 * the load run's histogram and time series. Written as JSON ({@link #writeJson}), as a self-contained HTML page
 * ({@link HtmlReport}) and as a table on the terminal ({@link #printSummary}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(
        String blueprint,
        String service,
        String version,
        String database,
        String started,
        double seconds,
        Settings settings,
        boolean passed,
        List<Step> steps,
        List<Check> checks,
        Load.Figures load,
        List<Credentials.Used> credentials,
        String serviceLog) {

    /** The options the run used. */
    public record Settings(int connections, double durationSeconds, double requestTimeoutSeconds) {}

    /** The status of a step. */
    public enum Status {
        PASSED,
        FAILED,
        SKIPPED
    }

    /** One step: what it proved or why it failed, and its figures (name to value, in order). */
    public record Step(
            String id, String title, Status status, String reason, double seconds, Map<String, Object> figures) {
        public boolean passed() {
            return status == Status.PASSED;
        }
    }

    /** One functional check: a request, the status it must get, the status it got; whether it checks security. */
    public record Check(
            String what,
            String method,
            String path,
            int expected,
            String actual,
            boolean passed,
            long millis,
            boolean security) {}

    /** The step titles, in order. */
    static final Map<String, String> TITLES = new LinkedHashMap<>();

    static {
        TITLES.put("compile", "check, generate, compile");
        TITLES.put("start", "start, startup/ready/live probes");
        TITLES.put("functional", "functional pass");
        TITLES.put("load", "load");
        TITLES.put("fault", "database fault");
        TITLES.put("shutdown", "graceful shutdown");
    }

    public void writeJson(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Http.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }

    /** The summary table: one line per step with its status, key figures and reason. */
    public void printSummary(PrintWriter out) {
        out.println();
        out.printf("%s %s — %s on %s%n", service, version, passed ? "PASSED" : "FAILED", database);
        int width = TITLES.values().stream().mapToInt(String::length).max().orElse(20);
        for (Step step : steps) {
            out.printf(
                    "  %-7s %-" + width + "s %6.1fs  %s%n",
                    mark(step.status()),
                    step.title(),
                    step.seconds(),
                    headline(step));
            if (!step.passed() && !step.reason().isEmpty()) {
                for (String line : step.reason().split("\n")) out.println("          " + line);
            }
        }
        out.flush();
    }

    public static String mark(Status status) {
        return switch (status) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case SKIPPED -> "SKIP";
        };
    }

    /** The figures of a step in one line. */
    static String headline(Step step) {
        List<String> parts = new ArrayList<>();
        step.figures().forEach((k, v) -> {
            if (v instanceof Number || v instanceof String || v instanceof Boolean) parts.add(k + " " + format(v));
        });
        return String.join(", ", parts);
    }

    static String format(Object v) {
        if (v instanceof Double d)
            return d == Math.rint(d) && Math.abs(d) < 1e12
                    ? Long.toString(d.longValue())
                    : String.format(Locale.ROOT, "%.1f", d);
        return String.valueOf(v);
    }
}
