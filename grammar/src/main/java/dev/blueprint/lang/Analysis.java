package dev.blueprint.lang;

import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.check.Severity;
import dev.blueprint.lang.resolve.Program;
import dev.blueprint.lang.settings.ServiceConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything known about one program after checking: the bound program, its effective
 * configuration and every diagnostic, sorted by file and position. Immutable.
 */
public record Analysis(Program program, ServiceConfig config, List<Diagnostic> diagnostics) {
    public Analysis {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    public List<Diagnostic> diagnosticsIn(Path file) {
        return diagnostics.stream().filter(d -> d.file().equals(file)).toList();
    }
}
