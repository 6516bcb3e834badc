package dev.blueprint.lang.docs;

import dev.blueprint.lang.check.Attributes;
import dev.blueprint.lang.check.Code;
import dev.blueprint.lang.resolve.BuiltinType;
import dev.blueprint.lang.settings.BlockSchema;
import dev.blueprint.lang.settings.Key;
import dev.blueprint.lang.settings.Schema;
import java.util.Locale;

/**
 * Writes {@code docs/reference.md} from the schema table, the attribute table, the built-in
 * types and the diagnostic catalog, so the documentation never restates them by hand. A test
 * fails when the committed file differs from what this writes.
 */
public final class ReferenceDoc {
    private ReferenceDoc() {}

    public static String markdown() {
        StringBuilder s = new StringBuilder();
        s.append("# Blueprint reference\n\n");
        s.append("<!-- Generated from the schema table, the attribute table and the diagnostic catalog by\n");
        s.append("     dev.blueprint.lang.docs.ReferenceDoc; do not edit. Regenerate with\n");
        s.append("     mvn -pl grammar test -Dtest=ReferenceDocTest -Dblueprint.updateGoldens=true -->\n\n");
        s.append("The teaching guide is [language-guide.md](language-guide.md); this page lists the facts.\n\n");
        s.append("## Settings\n\n");
        s.append("Sizes: `KB`, `MB`, `GB` are powers of 1000; `KiB`, `MiB`, `GiB` powers of 1024. ");
        s.append(
                "Durations: `ms`, `s`, `m`, `h`, `d`. CPU: whole or decimal cores (`2`, `0.5`) or millicores (`500m`). ");
        s.append("`env(\"NAME\")` and `env(\"NAME\", \"fallback\")` are accepted where the table says so.\n\n");
        for (BlockSchema block : Schema.blocks()) {
            s.append("### `")
                    .append(block.name())
                    .append("`\n\n")
                    .append(block.doc())
                    .append("\n\n");
            s.append("| key | takes | bounds | default | meaning |\n| --- | --- | --- | --- | --- |\n");
            for (Key k : block.keys()) {
                s.append("| `")
                        .append(k.name())
                        .append("` | ")
                        .append(cell(k.expectation()))
                        .append(" | ")
                        .append(cell(k.boundsText()))
                        .append(" | ")
                        .append(cell(k.defaultText()))
                        .append(" | ")
                        .append(cell(k.doc()))
                        .append(" |\n");
            }
            s.append('\n');
        }
        s.append("## Field types\n\n| type | meaning |\n| --- | --- |\n");
        for (BuiltinType t : BuiltinType.values()) {
            s.append("| `")
                    .append(t.keyword())
                    .append(t.maxArguments() == 1 ? "(n)" : t.maxArguments() == 2 ? "(p, s)" : "")
                    .append("` | ")
                    .append(cell(t.doc()))
                    .append(" |\n");
        }
        s.append("| an enum's name | Stored as text, serialized by member name. |\n");
        s.append("| an entity's name | A reference, stored as a foreign key to that entity's key. |\n\n");
        s.append("## Field attributes\n\n| attribute | applies to | meaning |\n| --- | --- | --- |\n");
        for (Attributes.Spec a : Attributes.ALL) {
            s.append("| `")
                    .append(a.example())
                    .append("` | ")
                    .append(cell(a.appliesTo()))
                    .append(" | ")
                    .append(cell(a.doc()))
                    .append(" |\n");
        }
        s.append("\n## Diagnostics\n\nEvery diagnostic has a stable code; a code is never reused.\n\n");
        s.append("| code | severity | name | meaning | how to fix |\n| --- | --- | --- | --- | --- |\n");
        for (Code c : Code.values()) {
            s.append("| ")
                    .append(c.id())
                    .append(" | ")
                    .append(c.severity().label())
                    .append(" | ")
                    .append(c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .append(" | ")
                    .append(cell(c.summary()))
                    .append(" | ")
                    .append(cell(c.howToFix()))
                    .append(" |\n");
        }
        return s.toString();
    }

    private static String cell(String text) {
        return text == null || text.isEmpty() ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
