package dev.blueprint.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.format.Formatter;
import dev.blueprint.lang.model.Comment;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.syntax.Parsing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests: each {@code fixtures/format/X.blueprint} formats to {@code X.blueprint.formatted}.
 * Run with {@code -Dblueprint.updateGoldens=true} to rewrite the goldens from the current output.
 */
class FormatterTest {
    private static final boolean UPDATE = Boolean.getBoolean("blueprint.updateGoldens");

    @TestFactory
    Stream<DynamicTest> goldens() throws Exception {
        Path root = Fixtures.resources("fixtures/format");
        List<Path> inputs;
        try (Stream<Path> files = Files.list(root)) {
            inputs = files.filter(p -> p.toString().endsWith(".blueprint"))
                    .sorted()
                    .toList();
        }
        return inputs.stream()
                .map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> {
                    String formatted = format(input, Fixtures.read(input));
                    Path golden = input.resolveSibling(input.getFileName() + ".formatted");
                    if (UPDATE) {
                        Path source =
                                Path.of("src/test/resources/fixtures/format").resolve(golden.getFileName());
                        Files.writeString(source, formatted);
                        Files.writeString(golden, formatted);
                    }
                    assertThat(formatted).isEqualTo(Fixtures.read(golden));
                    assertThat(format(input, formatted))
                            .as("formatting is idempotent")
                            .isEqualTo(formatted);
                    assertThat(comments(input, formatted))
                            .as("every comment is kept")
                            .isEqualTo(comments(input, Fixtures.read(input)));
                }));
    }

    @TestFactory
    Stream<DynamicTest> conformanceFilesAreStableUnderFormatting() {
        Path root = Fixtures.sharedConformance();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".blueprint")).sorted().toList().stream()
                    .filter(p ->
                            Parsing.parse(p, Fixtures.read(p)).syntaxErrors().isEmpty())
                    .map(p -> DynamicTest.dynamicTest(root.relativize(p).toString(), () -> {
                        String once = format(p, Fixtures.read(p));
                        assertThat(format(p, once)).isEqualTo(once);
                        assertThat(comments(p, once)).isEqualTo(comments(p, Fixtures.read(p)));
                    }));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void refusesFilesWithSyntaxErrors() {
        SourceFile broken = Parsing.parse(Path.of("broken.blueprint"), "entity A { id uuid }");
        assertThat(Formatter.format(broken)).isEmpty();
    }

    @Test
    void emptyFileStaysEmpty() {
        assertThat(Formatter.format(Parsing.parse(Path.of("e.blueprint"), ""))).contains("");
    }

    private static String format(Path path, String text) {
        return Formatter.format(Parsing.parse(path, text))
                .orElseThrow(() -> new AssertionError("syntax errors in " + path));
    }

    private static List<String> comments(Path path, String text) {
        return Parsing.parse(path, text).comments().stream()
                .map(Comment::text)
                .map(String::strip)
                .toList();
    }
}
