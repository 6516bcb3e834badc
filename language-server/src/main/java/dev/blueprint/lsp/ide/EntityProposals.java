package dev.blueprint.lsp.ide;

import dev.blueprint.lang.check.Attributes;
import dev.blueprint.lang.model.Name;
import dev.blueprint.lang.resolve.BuiltinType;
import dev.blueprint.lang.resolve.FieldType;
import dev.blueprint.lang.resolve.Program;
import dev.blueprint.lsp.ide.Completion.Builder;
import dev.blueprint.lsp.ide.Completion.ItemKind;

/** The proposals inside an entity: the key field, field types, attributes that fit a type, defaults. */
final class EntityProposals {
    private EntityProposals() {}

    /** At the start of a field: the key field, on the first line of an entity without one. */
    static void fieldStart(boolean firstWithoutKey, Builder out) {
        if (firstWithoutKey) {
            out.snippet("id: uuid @key", "key field", "id: ${1|uuid,long|} @key$0", "The entity's key.");
        }
    }

    /** The built-in types, the entities (a reference) and the enums. */
    static void types(Program program, Builder out) {
        for (BuiltinType t : BuiltinType.values()) {
            String insert = t == BuiltinType.STRING
                    ? "string(${1:255})$0"
                    : t == BuiltinType.DECIMAL ? "decimal(${1:19}, ${2:4})$0" : t.keyword();
            out.add(t.keyword(), ItemKind.TYPE, "built-in type", t.doc(), insert, t.maxArguments() > 0);
        }
        program.entities()
                .forEach(e -> out.add(
                        e.name().text(),
                        ItemKind.ENTITY,
                        "entity (a reference)",
                        e.doc(),
                        e.name().text(),
                        false));
        program.enums()
                .forEach(e -> out.add(
                        e.name().text(),
                        ItemKind.ENUM,
                        "enum",
                        e.doc(),
                        e.name().text(),
                        false));
    }

    /** A default: an enum's members, or true and false. */
    static void defaults(FieldType type, Builder out) {
        if (type instanceof FieldType.EnumRef e) {
            for (Name m : e.decl().members()) {
                out.add(m.text(), ItemKind.MEMBER, e.decl().name().text(), null, m.text(), false);
            }
        } else if (type instanceof FieldType.Builtin b && b.type() == BuiltinType.BOOL) {
            out.add("true", ItemKind.VALUE, "bool", null, "true", false);
            out.add("false", ItemKind.VALUE, "bool", null, "false", false);
        }
    }

    /** The attributes that fit {@code type} (all of them when it is unknown), written with their {@code @} when {@code withAt}. */
    static void attributes(FieldType type, boolean withAt, Builder out) {
        for (Attributes.Spec a : Attributes.ALL) {
            if (type instanceof FieldType.Unknown || a.fits(type)) {
                String at = withAt ? "@" : "";
                String insert = at
                        + a.name()
                        + (a.arguments() > 0
                                ? "(${1:"
                                        + a.example()
                                                .replaceAll("^@" + a.name() + "\\((.*)\\)$", "$1")
                                                .replace("\"", "\\\"")
                                                .replace("$", "\\$")
                                                .replace("}", "\\}")
                                        + "})$0"
                                : "");
                out.add(
                        at + a.name(),
                        ItemKind.ATTRIBUTE,
                        a.example() + " · for " + a.appliesTo(),
                        a.doc(),
                        insert,
                        a.arguments() > 0);
            }
        }
    }
}
