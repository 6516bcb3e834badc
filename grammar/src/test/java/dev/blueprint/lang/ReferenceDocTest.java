package dev.blueprint.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.docs.ReferenceDoc;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/reference.md is generated from the tables; the guide names every diagnostic code. */
class ReferenceDocTest {
    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void referenceIsUpToDate() throws Exception {
        Path reference = DOCS.resolve("reference.md");
        String generated = ReferenceDoc.markdown();
        if (Boolean.getBoolean("blueprint.updateGoldens")) {
            Files.writeString(reference, generated);
        }
        assertThat(Files.readString(reference))
                .as("docs/reference.md is stale: rerun with -Dblueprint.updateGoldens=true")
                .isEqualTo(generated);
    }

    @Test
    void guideExplainsEveryCode() throws Exception {
        String guide = Files.readString(DOCS.resolve("language-guide.md"));
        for (Code c : Code.values()) {
            assertThat(guide).as("the guide mentions %s", c.id()).contains(c.id());
        }
    }
}
