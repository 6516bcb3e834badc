package dev.blueprint.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How database spans are named and which database they name. */
class DatabaseTracingTest {

    @Test
    void spansAreNamedAfterTheOperationAndTheTable() {
        assertThat(DatabaseTracing.spanName("SELECT \"id\" FROM \"owner\" WHERE \"id\" = ?", "main"))
                .isEqualTo("SELECT owner");
        assertThat(DatabaseTracing.spanName("insert into pet (owner) values (?)", "main"))
                .isEqualTo("INSERT pet");
        assertThat(DatabaseTracing.spanName("UPDATE \"odd \"\"name\"\"\" SET \"a\" = ?", "main"))
                .isEqualTo("UPDATE odd \"name\"");
        assertThat(DatabaseTracing.spanName("DELETE FROM \"owner\" WHERE \"id\" = ?", "main"))
                .isEqualTo("DELETE owner");
        assertThat(DatabaseTracing.spanName("  (SELECT 1)", "main")).isEqualTo("SELECT main");
        assertThat(DatabaseTracing.spanName("SELECT pg_sleep(?)", "stock")).isEqualTo("SELECT stock");
    }

    @Test
    void theSystemComesFromTheJdbcUrl() {
        assertThat(DatabaseTracing.system("jdbc:h2:file:/data/main")).isEqualTo("h2");
        assertThat(DatabaseTracing.system("jdbc:h2:tcp://127.0.0.1/x")).isEqualTo("h2");
        assertThat(DatabaseTracing.system("jdbc:postgresql://db:5432/app")).isEqualTo("postgresql");
        assertThat(DatabaseTracing.system("jdbc:mysql://db/app")).isEqualTo("mysql");
    }

    @Test
    void offRecordsNothingAndRunsTheCall() throws Exception {
        assertThat(DatabaseTracing.off().enabled()).isFalse();
        assertThat(DatabaseTracing.off().trace("SELECT 1", () -> 42)).isEqualTo(42);
        assertThat(DatabaseTracing.of(io.opentelemetry.api.OpenTelemetry.noop(), "jdbc:h2:mem:x", "main")
                        .enabled())
                .isFalse();
    }
}
