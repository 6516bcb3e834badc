package dev.blueprint.lsp.ide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test inputs with markers: {@code $0} is the cursor. Files of a multi-file fixture are
 * separated by lines {@code //- name.blueprint}; the cursor may be in any of them.
 */
final class Fixture {
    static final Path DIR = Path.of("/fixture").toAbsolutePath();

    final Snapshot snapshot;
    final Path file;
    final int offset;

    private Fixture(Snapshot snapshot, Path file, int offset) {
        this.snapshot = snapshot;
        this.file = file;
        this.offset = offset;
    }

    static Fixture of(String source) {
        Map<Path, String> texts = new LinkedHashMap<>();
        Path cursorFile = null;
        int cursor = -1;
        String[] parts =
                source.startsWith("//- ") ? source.split("(?m)^//- ") : new String[] {"", "main.blueprint\n" + source};
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            int nl = part.indexOf('\n');
            Path p = DIR.resolve(part.substring(0, nl).trim());
            String text = part.substring(nl + 1);
            int at = text.indexOf("$0");
            if (at >= 0) {
                text = text.substring(0, at) + text.substring(at + 2);
                cursorFile = p;
                cursor = at;
            }
            texts.put(p, text);
        }
        Path first = texts.keySet().iterator().next();
        return new Fixture(Snapshot.of(texts), cursorFile == null ? first : cursorFile, Math.max(cursor, 0));
    }

    static Path path(String name) {
        return DIR.resolve(name);
    }

    FileContext ctx() {
        return snapshot.context(file).orElseThrow();
    }

    String text() {
        return snapshot.text(file).orElseThrow();
    }

    String slice(Span s) {
        return text().substring(s.start(), s.end());
    }

    String slice(Path p, Span s) {
        return snapshot.text(p).orElseThrow().substring(s.start(), s.end());
    }

    /** The semantic token type of the token that starts where {@code at} first occurs in the text, or null. */
    SemanticTokens.Type tokenType(String at) {
        int offset = text().indexOf(at);
        return SemanticTokens.tokens(ctx(), new Span(0, text().length())).stream()
                .filter(t -> t.span().start() == offset)
                .findFirst()
                .map(SemanticTokens.Token::type)
                .orElse(null);
    }

    /** Applies non-overlapping edits to one text. */
    static String apply(String text, List<dev.blueprint.lsp.ide.CodeActions.Edit> edits) {
        List<dev.blueprint.lsp.ide.CodeActions.Edit> sorted = edits.stream()
                .sorted((a, b) -> Integer.compare(b.span().start(), a.span().start()))
                .toList();
        String out = text;
        for (var e : sorted) {
            assertThat(e.span().end()).isLessThanOrEqualTo(out.length());
            out = out.substring(0, e.span().start())
                    + e.newText()
                    + out.substring(e.span().end());
        }
        return out;
    }
}
