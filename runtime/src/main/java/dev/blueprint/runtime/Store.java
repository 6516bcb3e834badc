package dev.blueprint.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A store at run time: its pool, its migrations and its health check ({@link #check}). */
final class Store implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    /** The result of one health check, taken at {@code atNanos} ({@link System#nanoTime()}). */
    record Check(boolean ok, String detail, long atNanos) {}

    private final StoreConfig config;
    private final Database database;
    private volatile HikariDataSource dataSource;

    Store(StoreConfig config, Duration statementTimeout) {
        this.config = config;
        // PostgreSQL enforces the statement timeout itself (set per connection below); a client-side timeout would
        // schedule a timer task on one shared driver timer for every statement.
        this.database =
                new Database(config.name(), config.isEmbedded() ? (int) Math.max(1, statementTimeout.toSeconds()) : 0);
    }

    StoreConfig config() {
        return config;
    }

    Database database() {
        return database;
    }

    /** Opens the pool and runs the migrations; the database answers calls from then on. */
    void start(MeterRegistry registry, String applicationName, Duration requestTimeout, ClassLoader resources) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(config.name());
        hikari.setJdbcUrl(config.url());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        PoolConfig pool = config.pool();
        hikari.setMaximumPoolSize(pool.maxSize());
        hikari.setMinimumIdle(pool.minIdle());
        hikari.setConnectionTimeout(Math.max(250, pool.connectTimeout().toMillis()));
        hikari.setValidationTimeout(Math.max(250, Math.min(pool.connectTimeout().toMillis(), 2000)));
        hikari.setIdleTimeout(pool.idleTimeout().toMillis());
        hikari.setMaxLifetime(pool.maxLifetime().toMillis());
        pool.leakDetection().ifPresent(d -> hikari.setLeakDetectionThreshold(d.toMillis()));
        if (!config.isEmbedded()) {
            hikari.addDataSourceProperty(
                    "connectTimeout",
                    String.valueOf(Math.max(1, pool.connectTimeout().toSeconds())));
            hikari.addDataSourceProperty("socketTimeout", String.valueOf(Math.max(1, requestTimeout.toSeconds() + 5)));
            hikari.addDataSourceProperty("ApplicationName", applicationName);
            hikari.addDataSourceProperty("options", "-c statement_timeout=" + Math.max(1, requestTimeout.toMillis()));
        }
        if (config.isEmbedded()) hikari.setExceptionOverride(new H2Eviction());
        hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        LOG.info(
                "store {}: connecting to {} (pool {}..{})",
                config.name(),
                config.safeUrl(),
                pool.minIdle(),
                pool.maxSize());
        HikariDataSource source = new HikariDataSource(hikari);
        try {
            config.migrations().ifPresent(location -> {
                // Flyway holds more than one connection while it migrates; on its own connections, a pool of
                // max_size 1 still starts, and migrations are not bound by the request's statement timeout
                var result = Flyway.configure(resources)
                        .dataSource(
                                config.url(),
                                config.user().orElse(null),
                                config.password().orElse(null))
                        .locations("classpath:" + location)
                        .load()
                        .migrate();
                String version =
                        result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
                LOG.info(
                        "store {}: {} migration(s) applied, schema at version {}",
                        config.name(),
                        result.migrationsExecuted,
                        version);
            });
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        this.dataSource = source;
        // opening a connection takes at most the connect timeout (HikariCP bounds the driver's login by it, plus half
        // a second), and after that HikariCP validates a connection idle for half a second before handing it out
        database.open(source, () -> dropConnections(source), Duration.ofMillis(hikari.getConnectionTimeout() + 1000));
    }

    /**
     * Evicts every connection of the pool: idle ones now, busy ones when they come back (HikariCP's soft eviction).
     * Runs when one connection broke: the pool evicts that one itself, but would hand out the others the same fault
     * broke (it checks a connection only when it has been idle for half a second), each failing one more request.
     */
    private static void dropConnections(HikariDataSource source) {
        HikariPoolMXBean pool = source.getHikariPoolMXBean();
        if (pool != null) pool.softEvictConnections();
    }

    /** H2 error codes that mean the connection itself is gone (over {@code jdbc:h2:tcp:} the server may go away). */
    private static final Set<Integer> H2_BROKEN = Set.of(
            90067, // CONNECTION_BROKEN_1
            90098, // DATABASE_IS_CLOSED
            90121, // DATABASE_CALLED_AT_SHUTDOWN ("database is already closed")
            90028, // IO_EXCEPTION_1
            90031); // IO_EXCEPTION_2

    /**
     * HikariCP evicts a connection on SQLState class 08 only; H2 reports a broken connection with its own codes, and
     * without eviction the pool would keep handing out dead connections after the database came back.
     */
    private static final class H2Eviction implements SQLExceptionOverride {
        @java.lang.Override
        public Override adjudicate(SQLException e) {
            for (SQLException x = e; x != null; x = x.getNextException()) {
                if (H2_BROKEN.contains(x.getErrorCode())) return Override.MUST_EVICT;
            }
            return Override.CONTINUE_EVICT;
        }
    }

    /**
     * Whether the database answers {@code isValid} within {@code timeout}; a pool whose connections are all busy
     * counts as answering. A pooled connection that is not valid is one the database no longer serves (its backend
     * was terminated, the server restarted): the pool's connections are dropped ({@link Database#connectionBroke})
     * and the check asks once more on a new one, so the answer is the database's, not that of a connection broken
     * earlier. Blocks (the probes run it on a thread of their own, see {@link StoreCheck}).
     */
    Check check(Duration timeout) {
        HikariDataSource source = dataSource;
        if (source == null) return new Check(false, "not started", System.nanoTime());
        HikariPoolMXBean pool = source.getHikariPoolMXBean();
        if (pool != null && pool.getActiveConnections() >= config.pool().maxSize()) {
            // Every connection is busy serving requests: the database is answering, and waiting for a free
            // connection would fail readiness exactly when the service is under load.
            return new Check(true, "ok (all connections busy)", System.nanoTime());
        }
        int seconds = (int) Math.max(1, timeout.toSeconds());
        try {
            if (isValid(source, seconds)) return new Check(true, "ok", System.nanoTime());
            database.connectionBroke();
            boolean valid = isValid(source, seconds);
            return new Check(valid, valid ? "ok" : "connection is not valid", System.nanoTime());
        } catch (SQLException e) {
            return new Check(false, "unreachable", System.nanoTime());
        }
    }

    /** Whether a connection from the pool answers {@code isValid}. */
    private static boolean isValid(HikariDataSource source, int timeoutSeconds) throws SQLException {
        Connection connection = source.getConnection();
        boolean valid = false;
        try {
            valid = connection.isValid(timeoutSeconds);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // a connection that broke fails to close as well (HikariCP evicts it then): it is not valid, and
                // the database is not unreachable for that
                valid = false;
            }
        }
        return valid;
    }

    /** Pool figures for {@code /health}: active, idle, waiting, max. */
    Map<String, Object> poolFigures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        HikariDataSource source = dataSource;
        HikariPoolMXBean pool = source == null ? null : source.getHikariPoolMXBean();
        figures.put("active", pool == null ? 0 : pool.getActiveConnections());
        figures.put("idle", pool == null ? 0 : pool.getIdleConnections());
        figures.put("waiting", pool == null ? 0 : pool.getThreadsAwaitingConnection());
        figures.put("max", config.pool().maxSize());
        return figures;
    }

    @Override
    public void close() {
        HikariDataSource source = dataSource;
        if (source != null) source.close();
    }
}
