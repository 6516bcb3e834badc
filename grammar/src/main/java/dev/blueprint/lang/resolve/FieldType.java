package dev.blueprint.lang.resolve;

import dev.blueprint.lang.model.EntityDecl;
import dev.blueprint.lang.model.EnumDecl;

/** What a field's written type resolved to. */
public sealed interface FieldType {

    /** A built-in type with its arguments filled in (defaults where none were written). */
    record Builtin(BuiltinType type, int length, int precision, int scale) implements FieldType {}

    /** An enum: stored as text, serialized by member name. */
    record EnumRef(EnumDecl decl) implements FieldType {}

    /** A reference to another entity, stored as a foreign key to its {@code @key}. */
    record EntityRef(EntityDecl decl) implements FieldType {}

    /** A name that resolves to nothing; an error was reported. */
    record Unknown() implements FieldType {}

    /** The type's name for messages: "string(40)", "Customer". */
    default String display() {
        if (this instanceof Builtin b) {
            return switch (b.type()) {
                case STRING -> "string(" + b.length() + ")";
                case DECIMAL -> "decimal(" + b.precision() + ", " + b.scale() + ")";
                default -> b.type().keyword();
            };
        } else if (this instanceof EnumRef e) {
            return e.decl().name().text();
        } else if (this instanceof EntityRef e) {
            return e.decl().name().text();
        }
        return "unknown";
    }
}
