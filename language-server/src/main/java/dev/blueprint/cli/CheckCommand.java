package dev.blueprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blueprint.build.Display;
import dev.blueprint.build.Inputs;
import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.check.Severity;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.naming.Identifiers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code blueprint check FILE…}: parse and check, report as text, JSON or SARIF. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description =
                "Parse and check blueprints. Exit 0 when there are no errors, 1 when there are, 2 on bad usage or unreadable input.")
public final class CheckCommand implements Callable<Integer> {
    /** The report formats. */
    public enum Format {
        text,
        json,
        sarif
    }

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Blueprint files, or folders to search for them.")
    List<Path> files;

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Inputs.Checked> checked = Inputs.check(files, err);
        if (checked.isEmpty()) {
            return BlueprintCli.USAGE;
        }
        List<Diagnostic> diagnostics = checked.get().diagnostics();
        switch (format) {
            case text -> text(checked.get(), out);
            case json -> out.println(JSON.writeValueAsString(json(checked.get())));
            case sarif -> out.println(JSON.writeValueAsString(sarif(checked.get())));
        }
        out.flush();
        boolean errors = diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
        return errors ? BlueprintCli.ERRORS : BlueprintCli.OK;
    }

    private static SourceFile fileOf(Inputs.Checked checked, Diagnostic d) {
        Analysis a = checked.analysisOf().get(d.file());
        return a.program().files().get(d.file());
    }

    private static void text(Inputs.Checked checked, PrintWriter out) {
        int errors = 0;
        int warnings = 0;
        for (Diagnostic d : checked.diagnostics()) {
            SourceFile f = fileOf(checked, d);
            Display.Place p = Display.Place.of(d, f.lines());
            out.printf(
                    "%s:%d:%d: %s: %s [%s]%n",
                    Display.path(d.file()),
                    p.line(),
                    p.column(),
                    d.severity().label(),
                    d.message(),
                    d.code().id());
            int line = p.line() - 1;
            String source =
                    f.text().substring(f.lines().lineStart(line), f.lines().lineEnd(line, f.text()));
            out.println("  " + source.replace('\t', ' '));
            int width = p.endLine() == p.line()
                    ? Math.max(1, p.endColumn() - p.column())
                    : Math.max(1, source.length() - p.column() + 1);
            out.println("  " + " ".repeat(Math.max(0, p.column() - 1)) + "^" + "~".repeat(Math.max(0, width - 1)));
            errors += d.severity() == Severity.ERROR ? 1 : 0;
            warnings += d.severity() == Severity.WARNING ? 1 : 0;
        }
        if (errors + warnings > 0) {
            out.printf(
                    "%d error%s, %d warning%s%n", errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
        }
    }

    private static ArrayNode json(Inputs.Checked checked) {
        ArrayNode array = JSON.createArrayNode();
        for (Diagnostic d : checked.diagnostics()) {
            Display.Place p = Display.Place.of(d, fileOf(checked, d).lines());
            ObjectNode o = array.addObject();
            o.put("file", d.file().toString());
            o.put("line", p.line());
            o.put("column", p.column());
            o.put("endLine", p.endLine());
            o.put("endColumn", p.endColumn());
            o.put("severity", d.severity().label());
            o.put("code", d.code().id());
            o.put("message", d.message());
        }
        return array;
    }

    private static ObjectNode sarif(Inputs.Checked checked) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "blueprint");
        driver.put("informationUri", "https://blueprint.dev/docs/language-guide");
        ArrayNode rules = driver.putArray("rules");
        for (Code c : Code.values()) {
            ObjectNode rule = rules.addObject();
            rule.put("id", c.id());
            rule.put("name", ruleName(c));
            rule.putObject("shortDescription").put("text", c.summary());
            rule.putObject("defaultConfiguration").put("level", level(c.severity()));
        }
        ArrayNode results = run.putArray("results");
        for (Diagnostic d : checked.diagnostics()) {
            Display.Place p = Display.Place.of(d, fileOf(checked, d).lines());
            ObjectNode r = results.addObject();
            r.put("ruleId", d.code().id());
            r.put("ruleIndex", d.code().ordinal());
            r.put("level", level(d.severity()));
            r.putObject("message").put("text", d.message());
            ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", d.file().toUri().toString());
            ObjectNode region = physical.putObject("region");
            region.put("startLine", p.line());
            region.put("startColumn", p.column());
            region.put("endLine", p.endLine());
            region.put("endColumn", p.endColumn());
        }
        return root;
    }

    private static String ruleName(Code c) {
        return Identifiers.upperCamel(c.name().toLowerCase(Locale.ROOT));
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO, HINT -> "note";
        };
    }
}
