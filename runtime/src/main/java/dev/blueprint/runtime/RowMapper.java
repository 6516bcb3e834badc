package dev.blueprint.runtime;

import java.sql.SQLException;

/** Builds one value from one row. */
@FunctionalInterface
public interface RowMapper<T> {

    T map(Row row) throws SQLException;
}
