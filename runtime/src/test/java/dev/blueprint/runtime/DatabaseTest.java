package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Database} on connections that break: what the caller hears, and when the pool is told a connection broke.
 * The connections break the way a terminated PostgreSQL backend under HikariCP does: the statement fails with 57P01,
 * and from then on every call on the connection fails with HikariCP's "Connection is closed", which has no SQLState.
 */
class DatabaseTest {

    private final JdbcDataSource h2 = new JdbcDataSource();
    private final AtomicInteger broken = new AtomicInteger();

    @BeforeEach
    void createTable() throws SQLException {
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = h2.getConnection()) {
            c.createStatement().execute("CREATE TABLE thing (id INT PRIMARY KEY)");
        }
    }

    private Database database(DataSource source) {
        Database database = new Database("main", 0);
        database.open(source, broken::incrementAndGet, Duration.ofMinutes(1));
        return database;
    }

    /**
     * H2's connections, broken at the first call {@code breaks} accepts: that call fails with 57P01 and every later
     * one but {@code close} with "Connection is closed".
     */
    private DataSource breakingAt(BiPredicate<String, Object[]> breaks) {
        return (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (source, getConnection, none) -> breaking(h2.getConnection(), breaks));
    }

    /** {@code real}, broken at the first call {@code breaks} accepts (see {@link #breakingAt}). */
    private Connection breaking(Connection real, BiPredicate<String, Object[]> breaks) {
        AtomicBoolean closed = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (closed.get() && !method.getName().equals("close"))
                        throw new SQLException("Connection is closed");
                    if (breaks.test(method.getName(), args)) {
                        closed.set(true);
                        throw new SQLException("terminating connection due to administrator command", "57P01");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private List<Integer> things() {
        return database(h2).query("SELECT id FROM thing", row -> row.integer("id"));
    }

    private static Problem problem(Throwable thrown) {
        assertThat(thrown).isInstanceOf(Problem.class);
        return (Problem) thrown;
    }

    @Test
    void aTransactionWhoseConnectionBreaksUnderAStatementIs503AndThePoolIsTold() {
        Database database = database(breakingAt((method, args) -> method.equals("prepareStatement")));
        Throwable thrown =
                catchThrowable(() -> database.transaction(sql -> sql.update("INSERT INTO thing VALUES (1)")));
        // the rollback and the restored auto-commit fail too ("Connection is closed"); neither replaces the 503
        assertThat(problem(thrown).status()).isEqualTo(503);
        assertThat(broken).hasValue(1);
        assertThat(things()).isEmpty();
    }

    @Test
    void aTransactionWhoseCommitFailsOnTheConnectionIs503() {
        Database database = database(breakingAt((method, args) -> method.equals("commit")));
        Throwable thrown =
                catchThrowable(() -> database.transaction(sql -> sql.update("INSERT INTO thing VALUES (1)")));
        assertThat(problem(thrown).status()).isEqualTo(503);
        assertThat(broken).hasValue(1);
    }

    @Test
    void aTransactionThatCommittedIsAnsweredAsDoneWhenItsConnectionBreaksAfterwards() {
        Database database =
                database(breakingAt((method, args) -> method.equals("setAutoCommit") && Boolean.TRUE.equals(args[0])));
        int inserted = database.transaction(sql -> sql.update("INSERT INTO thing VALUES (1)"));
        assertThat(inserted).isEqualTo(1);
        assertThat(things()).containsExactly(1);
    }

    @Test
    void aStatementOnABrokenConnectionIs503AndThePoolIsTold() {
        Database database = database(breakingAt((method, args) -> method.equals("prepareStatement")));
        Throwable thrown = catchThrowable(() -> database.query("SELECT id FROM thing", row -> 1));
        assertThat(problem(thrown).status()).isEqualTo(503);
        assertThat(broken).hasValue(1);
    }

    @Test
    void afterAConnectionBrokeTheNextOnesAreValidatedAndABrokenOneIsDroppedBeforeUse() throws SQLException {
        // the pool hands out a connection that breaks under its statement, then one that broke as it was opened
        // (not valid), then a good one; a good one before the break is never validated
        AtomicInteger validated = new AtomicInteger();
        Deque<Connection> connections = new ArrayDeque<>(List.of(
                counting(h2.getConnection(), validated, true),
                breaking(h2.getConnection(), (method, args) -> method.equals("prepareStatement")),
                counting(h2.getConnection(), validated, false),
                counting(h2.getConnection(), validated, true)));
        Database database = database((DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (source, getConnection, none) -> connections.removeFirst()));
        assertThat(database.query("SELECT id FROM thing", row -> 1)).isEmpty();
        assertThat(validated).hasValue(0);
        assertThat(problem(catchThrowable(() -> database.query("SELECT id FROM thing", row -> 1)))
                        .status())
                .isEqualTo(503);
        assertThat(broken).hasValue(1);
        assertThat(database.query("SELECT id FROM thing", row -> 1)).isEmpty();
        assertThat(validated).hasValue(2);
        assertThat(broken).hasValue(2);
        assertThat(connections).isEmpty();
    }

    /** {@code real}, counting the calls of {@code isValid} and answering them with {@code valid}. */
    private Connection counting(Connection real, AtomicInteger validated, boolean valid) {
        return (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("isValid")) {
                        validated.incrementAndGet();
                        return valid;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void noConnectionToBeHadIs503AndLeavesThePoolAlone() {
        DataSource exhausted = (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (source, getConnection, none) -> {
                    throw new SQLTransientConnectionException("main - Connection is not available");
                });
        Throwable thrown = catchThrowable(() -> database(exhausted).query("SELECT 1", row -> 1));
        assertThat(problem(thrown).status()).isEqualTo(503);
        assertThat(broken).hasValue(0);
    }

    @Test
    void aStatementThatFailsOnItsOwnLeavesThePoolAlone() {
        Throwable thrown = catchThrowable(() -> database(h2).update("INSERT INTO nothing VALUES (1)"));
        assertThat(thrown).isInstanceOf(DataAccessException.class);
        assertThat(broken).hasValue(0);
    }
}
