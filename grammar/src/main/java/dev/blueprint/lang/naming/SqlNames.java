package dev.blueprint.lang.naming;

/**
 * The SQL names of a blueprint's entities: tables, columns and constraints. The generator writes them, the editor shows
 * them (hover names an entity's table) and the runtime reads constraint names back out of database errors to name the
 * field at fault; a test in {@code codegen/build} holds the runtime to {@link #constraint}.
 */
public final class SqlNames {

    private SqlNames() {}

    /** The kinds of constraint and index, each with the suffix its name ends in. */
    public enum Constraint {
        PRIMARY_KEY("pk"),
        UNIQUE("key"),
        CHECK("check"),
        FOREIGN_KEY("fk"),
        INDEX("idx");

        private final String suffix;

        Constraint(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    /** The table of an entity: {@code ServiceItem} becomes {@code service_item}. */
    public static String table(String entity) {
        return Identifiers.snake(entity);
    }

    /** The column of a field: {@code startsAt} and {@code starts_at} both become {@code starts_at}. */
    public static String column(String field) {
        return Identifiers.snake(field);
    }

    /** {@code <table>__<column>__<suffix>}: {@code part__number__key} for a unique {@code number} of {@code Part}. */
    public static String constraint(String table, String column, Constraint kind) {
        return table + "__" + column + "__" + kind.suffix();
    }
}
