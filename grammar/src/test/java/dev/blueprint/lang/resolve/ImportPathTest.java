package dev.blueprint.lang.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.Analysis;
import dev.blueprint.lang.Analyzer;
import dev.blueprint.lang.check.Code;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Found by the random-edit property: an import that is no valid path made analysis throw. */
class ImportPathTest {

    @Test
    void anImportThatIsNoValidPathIsReportedNotThrown() throws Exception {
        Path root = Path.of("/project/main.blueprint");
        String text = "import \"a\u0000b.blueprint\"\nservice S {}\n";
        Analysis a = new Analyzer().analyze(root, p -> p.equals(root) ? Optional.of(text) : Optional.empty());
        assertThat(a.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(Code.IMPORT_NOT_FOUND);
            assertThat(d.message()).contains("not a valid file path");
            assertThat(text.substring(d.span().start(), d.span().end())).isEqualTo("\"a\u0000b.blueprint\"");
        });
    }
}
