package dev.blueprint.build;

import dev.blueprint.lang.check.Diagnostic;
import dev.blueprint.lang.source.LineMap;
import java.nio.file.Path;

/** How paths and positions are shown: paths relative to the working folder when below it; 1-based lines and columns. */
public final class Display {
    private static final Path CWD = Path.of("").toAbsolutePath();

    private Display() {}

    /** {@code file} relative to the working folder when below it, else absolute. */
    public static String path(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(CWD) ? CWD.relativize(abs).toString() : abs.toString();
    }

    /** A diagnostic's place as 1-based line and column numbers: start line, start column, end line, end column (just past the end). */
    public record Place(int line, int column, int endLine, int endColumn) {
        public static Place of(Diagnostic d, LineMap lines) {
            return new Place(
                    lines.line(d.span().start()) + 1, lines.column(d.span().start()) + 1,
                    lines.line(d.span().end()) + 1, lines.column(d.span().end()) + 1);
        }
    }
}
