package dev.blueprint.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.source.Span;
import dev.blueprint.lsp.ide.SemanticTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SemanticTokensEdit;
import org.junit.jupiter.api.Test;

class ConvertTest {
    @Test
    void positionsCountUtf16AndClamp() {
        String text = "a\uD83D\uDE00b\r\nsecond\nthird";
        Positions pos = new Positions(text);
        assertThat(pos.position(3)).isEqualTo(new Position(0, 3)); // after the emoji (two UTF-16 units)
        assertThat(pos.position(6)).isEqualTo(new Position(1, 0)); // after \r\n
        assertThat(pos.offset(new Position(1, 99))).isEqualTo(12); // past the line's end: its end
        assertThat(pos.offset(new Position(99, 0))).isEqualTo(text.length());
        assertThat(pos.offset(new Position(2, 2))).isEqualTo(text.indexOf("third") + 2);
    }

    @Test
    void multiLineTokensAreSplitPerLine() {
        String text = "/* a\nbc */ x";
        List<Integer> data = Convert.encode(
                List.of(new SemanticTokens.Token(new Span(0, 10), SemanticTokens.Type.COMMENT, 0)),
                new Positions(text),
                text);
        assertThat(data)
                .containsExactly(
                        0,
                        0,
                        4,
                        SemanticTokens.Type.COMMENT.ordinal(),
                        0,
                        1,
                        0,
                        5,
                        SemanticTokens.Type.COMMENT.ordinal(),
                        0);
    }

    @Test
    void deltaEditsRebuildTheNewData() {
        Random r = new Random(7);
        for (int i = 0; i < 500; i++) {
            List<Integer> a = random(r);
            List<Integer> b = r.nextBoolean() ? mutate(a, r) : random(r);
            List<Integer> rebuilt = new ArrayList<>(a);
            for (SemanticTokensEdit e : Convert.delta(a, b)) {
                for (int k = 0; k < e.getDeleteCount(); k++) {
                    rebuilt.remove(e.getStart());
                }
                rebuilt.addAll(e.getStart(), e.getData());
            }
            assertThat(rebuilt).isEqualTo(b);
        }
    }

    private static List<Integer> random(Random r) {
        List<Integer> out = new ArrayList<>();
        for (int i = r.nextInt(20); i > 0; i--) {
            out.add(r.nextInt(3));
        }
        return out;
    }

    private static List<Integer> mutate(List<Integer> a, Random r) {
        List<Integer> b = new ArrayList<>(a);
        if (!b.isEmpty()) {
            b.set(r.nextInt(b.size()), r.nextInt(3));
        }
        b.add(r.nextInt(b.size() + 1), 9);
        return b;
    }
}
