package dev.blueprint.lang.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.syntax.Parsing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Bugs the property tests found in the formatter, each pinned by its smallest input. */
class FormatterRegressionTest {

    private static String format(String text) {
        return Formatter.format(Parsing.parse(Path.of("t.blueprint"), text)).orElseThrow();
    }

    @Test
    void commentAfterTheLastEnumMemberStaysInsideTheEnum() {
        String text = "enum Kind {\n  A,\n  B,\n  /* last */\n}  // after\n";
        String once = format(text);
        assertThat(once).isEqualTo("enum Kind {\n  A,\n  B\n  /* last */\n}  // after\n");
        assertThat(format(once)).isEqualTo(once);
    }

    @Test
    void aDocCommentSeparatedByABlankLineIsNotAttachedByFormatting() {
        String text = "entity E {\n  id: uuid @key\n  /// not a doc of name\n\n  name: string\n}\n";
        String once = format(text);
        assertThat(once).isEqualTo("entity E {\n  id:   uuid @key\n  /// not a doc of name\n\n  name: string\n}\n");
        var field = ((dev.blueprint.lang.model.EntityDecl)
                        Parsing.parse(Path.of("t.blueprint"), once).decls().get(0))
                .fields()
                .get(1);
        assertThat(field.doc()).isNull();
    }

    @Test
    void aDocCommentAfterCodeOnTheLineAboveStaysTheDocOfWhatFollows() {
        String text = "service S {}/// The entity.\nentity E { id: uuid @key }\n";
        String once = format(text);
        assertThat(once).isEqualTo("service S {}\n\n/// The entity.\nentity E {\n  id: uuid @key\n}\n");
        var entity = (dev.blueprint.lang.model.EntityDecl)
                Parsing.parse(Path.of("t.blueprint"), once).decls().get(1);
        assertThat(entity.doc()).isEqualTo("The entity.");
        assertThat(format(once)).isEqualTo(once);
    }
}
