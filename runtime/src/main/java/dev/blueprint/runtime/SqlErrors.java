package dev.blueprint.runtime;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates SQL failures into problems by SQLState, on PostgreSQL and on H2 (PostgreSQL mode).
 * Constraint names the generator writes ({@code <table>__<column>__key}, {@code <table>__<column>__fk},
 * {@code <table>__<column>__check}) let the problem name the field.
 */
final class SqlErrors {

    enum Operation {
        READ,
        WRITE,
        DELETE
    }

    private static final Pattern CONSTRAINT = Pattern.compile("([a-z0-9_]+?)__([a-z0-9_]+?)__(key|fk|check)");

    private SqlErrors() {}

    static RuntimeException translate(SQLException e, Operation operation, String storeName) {
        String state = state(e);
        String field = field(e);
        if (isConnectionFailure(e, state)) {
            return Problem.unavailable("the database '" + storeName + "' is unavailable; retry later");
        }
        switch (state) {
            case "23505":
                return Problem.conflict(
                        field == null
                                ? "a row with the same unique value exists"
                                : "another row already has this " + field);
            case "23503":
            case "23506":
                if (operation == Operation.DELETE) {
                    return Problem.conflict("the row is still referenced by other rows");
                }
                return Problem.validation(java.util.List.of(
                        new FieldError(field == null ? "" : field, "refers to a row that does not exist")));
            case "23513":
            case "23514":
                return Problem.validation(
                        java.util.List.of(new FieldError(field == null ? "" : field, "violates a database check")));
            case "57014":
                return Problem.unavailable("the database took too long to answer; retry later");
            default:
                return new DataAccessException("SQL failure (state " + state + ") on store " + storeName, e);
        }
    }

    /** Whether {@code e} says the connection is gone or could not be had, rather than that the statement failed. */
    static boolean isConnectionFailure(SQLException e) {
        return isConnectionFailure(e, state(e));
    }

    private static boolean isConnectionFailure(SQLException e, String state) {
        return e instanceof SQLTransientConnectionException
                || state.startsWith("08")
                || state.equals("57P01")
                || state.equals("57P02")
                || state.equals("57P03")
                || state.equals("90067")
                || state.equals("90098")
                || state.equals("90121");
    }

    private static String state(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if (current.getSQLState() != null) return current.getSQLState();
        }
        return "";
    }

    private static String field(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        Matcher matcher = CONSTRAINT.matcher(message);
        return matcher.find() ? matcher.group(2) : null;
    }
}
