package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;
import java.util.List;

/** {@code enum Name { A, B, C }}. */
public record EnumDecl(Name name, List<Name> members, String doc, Span span) implements Decl {
    public EnumDecl {
        members = List.copyOf(members);
    }
}
