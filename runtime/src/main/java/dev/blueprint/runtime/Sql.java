package dev.blueprint.runtime;

import java.util.List;
import java.util.Optional;

/**
 * Prepared-statement JDBC, the only way generated code reaches a database. Parameters are bound in order;
 * {@code UUID}, {@code Instant}, {@code LocalDate}, {@code BigDecimal}, enums (by name), numbers, strings,
 * booleans and null are understood. Database failures surface as {@link Problem}s:
 * unique violation 409; foreign-key violation 422 on insert/update and 409 on delete; check violation 422;
 * an unreachable database 503. Anything else is a {@link DataAccessException} (500, details only in the log).
 */
public interface Sql {

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params);

    <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params);

    /**
     * One page of a query that ends in {@code LIMIT ? OFFSET ?}: the two are bound after {@code params}
     * (one row more than the page is fetched to tell whether more follow).
     */
    <T> Slice<T> page(String sql, RowMapper<T> mapper, Page page, Object... params);

    /** INSERT or UPDATE; answers the rows changed. */
    int update(String sql, Object... params);

    /** An INSERT whose key the database generates; answers that key. */
    long insertReturningKey(String sql, String keyColumn, Object... params);

    /** DELETE; answers the rows deleted. A row still referenced gives 409. */
    int delete(String sql, Object... params);
}
