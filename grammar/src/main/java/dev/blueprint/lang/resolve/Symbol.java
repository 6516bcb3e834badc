package dev.blueprint.lang.resolve;

import dev.blueprint.lang.model.Node;
import dev.blueprint.lang.source.Span;
import java.nio.file.Path;

/**
 * A declared name: what it is, where its name stands, and the model node it names.
 * {@code owner} is the entity of a field and the enum of a member, else null. A role's node is
 * the string that declares it ({@code Value.Str}).
 */
public record Symbol(Kind kind, String name, Path file, Span nameSpan, Node node, Symbol owner) {

    public enum Kind {
        SERVICE("service"),
        ENTITY("entity"),
        ENUM("enum"),
        ENUM_MEMBER("enum member"),
        FIELD("field"),
        STORE("store"),
        /** A role of {@code security { roles [...] }}; its name span is the string's inside, without the quotes. */
        ROLE("role");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A symbol is identified by what it is and where its name stands. The record's own equality
     * would hash and compare the whole declaration ({@code node}, {@code owner}) on every map
     * lookup in the reference index, which made resolving a large program slow.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Symbol s
                && kind == s.kind
                && name.equals(s.name)
                && java.util.Objects.equals(file, s.file)
                && nameSpan.equals(s.nameSpan);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, name, file, nameSpan);
    }

    /** "Customer.email", "Status.OPEN", "Customer". */
    public String qualifiedName() {
        return owner == null ? name : owner.name() + "." + name;
    }
}
