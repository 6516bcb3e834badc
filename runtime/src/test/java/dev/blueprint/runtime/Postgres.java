package dev.blueprint.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh PostgreSQL database on 127.0.0.1:5432 for one test class, dropped afterwards. When the server is
 * unreachable the test fails under CI and is skipped elsewhere.
 */
public final class Postgres implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;
    private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";

    private final String name;

    private Postgres(String name) {
        this.name = name;
    }

    public static Postgres fresh() {
        String name = "bp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(ADMIN_URL + "?connectTimeout=3", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if (System.getenv("CI") != null) fail("PostgreSQL at " + HOST + ":" + PORT + " is unreachable under CI", e);
            Assumptions.abort("PostgreSQL at " + HOST + ":" + PORT + " is unreachable: " + e.getMessage());
        }
        return new Postgres(name);
    }

    public String name() {
        return name;
    }

    public String url() {
        return url(HOST, PORT);
    }

    public String url(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
