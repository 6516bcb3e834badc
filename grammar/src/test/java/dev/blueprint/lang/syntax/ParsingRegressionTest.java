package dev.blueprint.lang.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.model.Comment;
import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.SourceFile;
import dev.blueprint.lang.model.SyntaxError;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Bugs the property tests found in parsing, each pinned by its smallest input. */
class ParsingRegressionTest {

    @Test
    void spansAfterACharacterOutsideTheBmpAreStringOffsets() {
        String text = "/// 😀 emoji\nentity E😀 { id: uuid @key }\n/* after */ %";
        SourceFile f = Parsing.parse(Path.of("t.blueprint"), text);
        for (Comment c : f.comments()) {
            assertThat(text.substring(c.span().start(), c.span().end())).isEqualTo(c.text());
        }
        assertThat(f.comments()).extracting(Comment::text).containsExactly("/// 😀 emoji", "/* after */");
        EntityDecl e = (EntityDecl) f.decls().get(0);
        assertThat(text.substring(
                        e.fields().get(0).span().start(),
                        e.fields().get(0).span().end()))
                .isEqualTo("id: uuid @key");
        assertThat(f.syntaxErrors())
                .extracting(SyntaxError::span)
                .allSatisfy(s -> assertThat(s.end()).isLessThanOrEqualTo(text.length()));
        assertThat(f.syntaxErrors())
                .anySatisfy(err -> assertThat(
                                text.substring(err.span().start(), err.span().end()))
                        .isEqualTo("%"));
    }
}
