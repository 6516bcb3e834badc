package dev.blueprint.lang.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.format.Formatter;
import dev.blueprint.lang.model.Comment;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.syntax.Parsing;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The formatter is idempotent and keeps meaning: the formatted text parses to the same model
 * (spans aside) and keeps every comment's text, for generated programs with line, block and
 * doc comments between declarations, between members and at line ends.
 */
class FormatterPropertiesTest {
    private static final Path FILE = Path.of("generated.blueprint");

    @Provide
    Arbitrary<String> commentedPrograms() {
        return Arbitraries.longs().map(seed -> ProgramGenerator.generate(seed, true));
    }

    @Property(tries = 300)
    void formattingIsIdempotent(@ForAll("commentedPrograms") String text) {
        String once = format(text);
        String twice = format(once);
        assertThat(twice)
                .withFailMessage(() -> "formatting twice changed the text; input\n" + Support.numbered(text)
                        + "\nonce\n" + Support.numbered(once) + "\ntwice\n" + Support.numbered(twice))
                .isEqualTo(once);
    }

    @Property(tries = 300)
    void formattingKeepsTheModelAndEveryComment(@ForAll("commentedPrograms") String text) {
        SourceFile before = Parsing.parse(FILE, text);
        String formatted = format(text);
        SourceFile after = Parsing.parse(FILE, formatted);
        String context = "input\n" + Support.numbered(text) + "\nformatted\n" + Support.numbered(formatted);
        assertThat(after.syntaxErrors())
                .withFailMessage(() -> "formatted text has syntax errors " + after.syntaxErrors() + "\n" + context)
                .isEmpty();
        assertThat(ModelShape.of(after))
                .withFailMessage(() -> "the model changed\n" + context)
                .isEqualTo(ModelShape.of(before));
        assertThat(commentTexts(after))
                .withFailMessage(() ->
                        "comments changed: " + commentTexts(before) + " became " + commentTexts(after) + "\n" + context)
                .isEqualTo(commentTexts(before));
    }

    private static List<String> commentTexts(SourceFile f) {
        return f.comments().stream()
                .map(Comment::text)
                .map(String::stripTrailing)
                .toList();
    }

    private static String format(String text) {
        SourceFile file = Parsing.parse(FILE, text);
        assertThat(file.syntaxErrors())
                .withFailMessage(
                        () -> "generated text has syntax errors " + file.syntaxErrors() + "\n" + Support.numbered(text))
                .isEmpty();
        Optional<String> out = Formatter.format(file);
        assertThat(out).isPresent();
        return out.get();
    }
}
