package dev.blueprint.lang.properties;

import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.Analyzer;
import dev.blueprint.lang.check.Diagnostic;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Helpers shared by the property tests. */
final class Support {
    static final Path ROOT =
            Path.of("/generated/main.blueprint").toAbsolutePath().normalize();

    private Support() {}

    /** Analyses {@code text} as {@link #ROOT}, with {@code others} as the rest of the file system. */
    static Analysis analyze(String text, Map<Path, String> others) {
        try {
            return new Analyzer()
                    .analyze(ROOT, p -> p.equals(ROOT) ? Optional.of(text) : Optional.ofNullable(others.get(p)));
        } catch (Analyzer.UnreadableSourceException e) {
            throw new AssertionError(e);
        }
    }

    static String describe(Iterable<Diagnostic> diagnostics, String text) {
        StringBuilder s = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            int start = Math.min(d.span().start(), text.length());
            int line = (int) text.substring(0, start)
                            .chars()
                            .filter(c -> c == '\n')
                            .count()
                    + 1;
            s.append(line)
                    .append(": ")
                    .append(d.severity())
                    .append(' ')
                    .append(d.code().id())
                    .append(' ')
                    .append(d.message())
                    .append('\n');
        }
        return s.toString();
    }

    static String numbered(String text) {
        String[] lines = text.split("\n", -1);
        return java.util.stream.IntStream.range(0, lines.length)
                .mapToObj(i -> String.format("%4d  %s", i + 1, lines[i]))
                .collect(Collectors.joining("\n"));
    }
}
