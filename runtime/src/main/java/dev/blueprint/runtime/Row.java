package dev.blueprint.runtime;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One result row, read by column name with the Java type each blueprint type maps to; SQL NULL gives null. */
public final class Row {

    private final ResultSet resultSet;

    Row(ResultSet resultSet) {
        this.resultSet = resultSet;
    }

    public String string(String column) throws SQLException {
        return resultSet.getString(column);
    }

    public Integer integer(String column) throws SQLException {
        return resultSet.getObject(column, Integer.class);
    }

    public Long longInteger(String column) throws SQLException {
        return resultSet.getObject(column, Long.class);
    }

    public BigDecimal decimal(String column) throws SQLException {
        return resultSet.getBigDecimal(column);
    }

    public Boolean bool(String column) throws SQLException {
        return resultSet.getObject(column, Boolean.class);
    }

    public UUID uuid(String column) throws SQLException {
        return resultSet.getObject(column, UUID.class);
    }

    public Instant timestamp(String column) throws SQLException {
        OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public LocalDate date(String column) throws SQLException {
        return resultSet.getObject(column, LocalDate.class);
    }

    public <E extends Enum<E>> E enumeration(String column, Class<E> type) throws SQLException {
        String name = resultSet.getString(column);
        return name == null ? null : Enum.valueOf(type, name);
    }
}
