package dev.blueprint.lang.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.lang.model.Node;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A symbol hashes and compares by kind, name, file and name span, never by the declaration
 * it names: hashing the whole declaration on every reference-index lookup made analysing a
 * 1,000-entity program about 40% slower (bench/README.md).
 */
class SymbolTest {
    /** A node that fails when hashed or compared, as a deep declaration would be costly. */
    private static final class Untouchable implements Node {
        @Override
        public Span span() {
            return new Span(0, 1);
        }

        @Override
        public int hashCode() {
            throw new AssertionError("the declaration was hashed");
        }

        @Override
        public boolean equals(Object o) {
            throw new AssertionError("the declaration was compared");
        }
    }

    @Test
    void hashesAndComparesWithoutTheDeclaration() {
        Path file = Path.of("a.blueprint");
        Symbol entity = new Symbol(Symbol.Kind.ENTITY, "E", file, new Span(7, 8), new Untouchable(), null);
        Symbol field = new Symbol(Symbol.Kind.FIELD, "id", file, new Span(11, 13), new Untouchable(), entity);
        Map<Symbol, String> map = new HashMap<>();
        map.put(entity, "entity");
        map.put(field, "field");
        Symbol sameField = new Symbol(Symbol.Kind.FIELD, "id", file, new Span(11, 13), new Untouchable(), entity);
        assertThat(map.get(sameField)).isEqualTo("field");
        assertThat(field)
                .isNotEqualTo(new Symbol(Symbol.Kind.FIELD, "id", file, new Span(20, 22), new Untouchable(), entity));
        assertThat(field)
                .isNotEqualTo(new Symbol(
                        Symbol.Kind.FIELD, "id", Path.of("b.blueprint"), new Span(11, 13), new Untouchable(), entity));
    }
}
