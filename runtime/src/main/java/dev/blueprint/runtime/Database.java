package dev.blueprint.runtime;

import dev.blueprint.runtime.telemetry.DatabaseTracing;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One store's database, as generated repositories use it. Each call runs on its own pooled connection in
 * auto-commit mode; {@link #transaction} runs several on one connection. Until the store has started (pool
 * open, migrations run) every call answers 503. When the service traces, each statement is a CLIENT span, a child of
 * the request's span (see {@link DatabaseTracing}).
 */
public final class Database implements Sql {

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Sql sql);
    }

    private final String storeName;
    private final int statementTimeoutSeconds;
    private volatile DataSource dataSource;
    private volatile Runnable dropConnections = () -> {};
    private volatile Duration opening = Duration.ZERO;
    /** Until when ({@link System#nanoTime()}) connections are validated before use, after one broke. */
    private volatile long validateUntilNanos = System.nanoTime();

    private volatile DatabaseTracing tracing = DatabaseTracing.off();

    Database(String storeName, int statementTimeoutSeconds) {
        this.storeName = storeName;
        this.statementTimeoutSeconds = statementTimeoutSeconds;
    }

    /**
     * A database over an already open data source (for tests and tools); {@code statementTimeoutSeconds} 0 leaves
     * statement timeouts to the database.
     */
    public static Database over(String storeName, DataSource dataSource, int statementTimeoutSeconds) {
        Database database = new Database(storeName, statementTimeoutSeconds);
        database.open(dataSource);
        return database;
    }

    void open(DataSource source) {
        open(source, () -> {}, Duration.ZERO);
    }

    /**
     * Answers calls on connections from {@code source} from now on. When a statement fails because its connection
     * broke (the SQLState says so, see {@link SqlErrors#isConnectionFailure}) {@code dropConnections} runs before the
     * failure is answered: whatever broke one connection (a database restart, terminated backends, a network cut) has
     * likely broken the others the pool holds, and the pool should drop them rather than hand them out. A connection
     * still being opened as the fault struck joins the pool afterwards, broken by the same fault; so for
     * {@code opening} (as long as opening a connection may take) every connection handed out is validated first.
     */
    void open(DataSource source, Runnable dropConnections, Duration opening) {
        this.dropConnections = dropConnections;
        this.opening = opening;
        this.dataSource = source;
    }

    /** Records a span per statement from now on. */
    void trace(DatabaseTracing value) {
        this.tracing = value;
    }

    public String storeName() {
        return storeName;
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(SqlErrors.Operation.READ, c -> on(c).query(sql, mapper, params));
    }

    @Override
    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(SqlErrors.Operation.READ, c -> on(c).queryOne(sql, mapper, params));
    }

    @Override
    public <T> Slice<T> page(String sql, RowMapper<T> mapper, Page page, Object... params) {
        return withConnection(SqlErrors.Operation.READ, c -> on(c).page(sql, mapper, page, params));
    }

    @Override
    public int update(String sql, Object... params) {
        return withConnection(SqlErrors.Operation.WRITE, c -> on(c).update(sql, params));
    }

    @Override
    public long insertReturningKey(String sql, String keyColumn, Object... params) {
        return withConnection(SqlErrors.Operation.WRITE, c -> on(c).insertReturningKey(sql, keyColumn, params));
    }

    @Override
    public int delete(String sql, Object... params) {
        return withConnection(SqlErrors.Operation.DELETE, c -> on(c).delete(sql, params));
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it (or the commit) throws. What
     * the caller hears is the outcome of the work and the commit: a connection that breaks afterwards, as the
     * transaction is rolled back or auto-commit restored, changes nothing (the pool discards a broken connection).
     */
    public <T> T transaction(Work<T> work) {
        return withConnection(SqlErrors.Operation.WRITE, connection -> {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(on(connection));
                connection.commit();
            } catch (RuntimeException | SQLException e) {
                rollbackQuietly(connection, e);
                restoreAutoCommit(connection, e);
                throw e;
            }
            restoreAutoCommit(connection, null);
            return result;
        });
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Puts the connection back in auto-commit mode before it returns to the pool. When that fails the connection is
     * broken: the failure is kept with the transaction's own ({@code failure}, when it failed) and never replaces it;
     * after a commit the work is done and is answered as done.
     */
    private static void restoreAutoCommit(Connection connection, Exception failure) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (failure != null) failure.addSuppressed(e);
        }
    }

    @FunctionalInterface
    private interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    private interface StatementWork<T> {
        T run() throws SQLException;
    }

    private <T> T withConnection(SqlErrors.Operation operation, ConnectionWork<T> work) {
        DataSource source = dataSource;
        if (source == null) throw Problem.unavailable("the database '" + storeName + "' is starting; retry shortly");
        Connection connection;
        try {
            connection = borrow(source);
        } catch (SQLException e) {
            // no connection to be had (the pool timed out, the database refused one): none the pool holds broke
            throw SqlErrors.translate(e, operation, storeName);
        }
        try (connection) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e, operation);
        }
    }

    /**
     * A connection from {@code source}. Shortly after one broke it is validated first: an invalid one is dropped, with
     * every connection the pool holds, and another taken (twice at most; the third is used as it is).
     */
    private Connection borrow(DataSource source) throws SQLException {
        Connection connection = source.getConnection();
        for (int tried = 1; tried < 3 && System.nanoTime() - validateUntilNanos < 0; tried++) {
            if (connection.isValid(1)) break;
            connectionBroke();
            connection.close();
            connection = source.getConnection();
        }
        return connection;
    }

    /** A failure on a connection as its caller hears it; a broken connection makes the pool drop the others first. */
    private RuntimeException failure(SQLException e, SqlErrors.Operation operation) {
        if (SqlErrors.isConnectionFailure(e)) connectionBroke();
        return SqlErrors.translate(e, operation, storeName);
    }

    /** A connection broke: the pool drops the others, and connections are validated before use for a while. */
    void connectionBroke() {
        dropConnections.run();
        validateUntilNanos = System.nanoTime() + opening.toNanos();
    }

    private Bound on(Connection connection) {
        return new Bound(connection);
    }

    /** Statements on one connection; SQL failures are translated with the operation they belong to. */
    private final class Bound implements Sql {
        private final Connection connection;

        Bound(Connection connection) {
            this.connection = connection;
        }

        @Override
        public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
            return run(SqlErrors.Operation.READ, sql, () -> {
                try (PreparedStatement statement = prepare(sql, params);
                        ResultSet rs = statement.executeQuery()) {
                    List<T> rows = new ArrayList<>();
                    Row row = new Row(rs);
                    while (rs.next()) rows.add(mapper.map(row));
                    return rows;
                }
            });
        }

        @Override
        public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
            List<T> rows = query(sql, mapper, params);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }

        @Override
        public <T> Slice<T> page(String sql, RowMapper<T> mapper, Page page, Object... params) {
            Object[] all = new Object[params.length + 2];
            System.arraycopy(params, 0, all, 0, params.length);
            all[params.length] = page.limit() + 1;
            all[params.length + 1] = page.offset();
            List<T> rows = page.limit() == 0 ? List.of() : query(sql, mapper, all);
            boolean full = rows.size() > page.limit();
            return new Slice<>(
                    full ? rows.subList(0, page.limit()) : rows,
                    page.limit(),
                    page.offset(),
                    full && page.mayContinue());
        }

        @Override
        public int update(String sql, Object... params) {
            return run(SqlErrors.Operation.WRITE, sql, () -> {
                try (PreparedStatement statement = prepare(sql, params)) {
                    return statement.executeUpdate();
                }
            });
        }

        @Override
        public long insertReturningKey(String sql, String keyColumn, Object... params) {
            return run(SqlErrors.Operation.WRITE, sql, () -> {
                try (PreparedStatement statement = connection.prepareStatement(sql, new String[] {keyColumn})) {
                    bind(statement, params);
                    statement.executeUpdate();
                    try (ResultSet keys = statement.getGeneratedKeys()) {
                        if (!keys.next()) throw new SQLException("no generated key returned", "HY000");
                        return keys.getLong(1);
                    }
                }
            });
        }

        @Override
        public int delete(String sql, Object... params) {
            return run(SqlErrors.Operation.DELETE, sql, () -> {
                try (PreparedStatement statement = prepare(sql, params)) {
                    return statement.executeUpdate();
                }
            });
        }

        private PreparedStatement prepare(String sql, Object... params) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            try {
                bind(statement, params);
                return statement;
            } catch (SQLException | RuntimeException e) {
                statement.close();
                throw e;
            }
        }

        private void bind(Statement statement, Object... params) throws SQLException {
            PreparedStatement prepared = (PreparedStatement) statement;
            if (statementTimeoutSeconds > 0) prepared.setQueryTimeout(statementTimeoutSeconds);
            for (int i = 0; i < params.length; i++) {
                Object value = params[i];
                int index = i + 1;
                if (value == null) {
                    prepared.setNull(index, Types.NULL);
                } else if (value instanceof Instant) {
                    prepared.setObject(index, ((Instant) value).atOffset(ZoneOffset.UTC));
                } else if (value instanceof Enum<?>) {
                    prepared.setString(index, ((Enum<?>) value).name());
                } else if (value instanceof BigDecimal) {
                    prepared.setBigDecimal(index, (BigDecimal) value);
                } else {
                    prepared.setObject(index, value);
                }
            }
        }

        private <T> T run(SqlErrors.Operation operation, String sql, StatementWork<T> work) {
            try {
                return tracing.trace(sql, work::run);
            } catch (SQLException e) {
                throw failure(e, operation);
            }
        }
    }
}
