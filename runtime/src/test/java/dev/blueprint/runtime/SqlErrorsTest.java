package dev.blueprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** SQLState to problem, by operation, naming the field from the generator's constraint names. */
class SqlErrorsTest {

    private static Problem problem(SQLException e, SqlErrors.Operation operation) {
        RuntimeException translated = SqlErrors.translate(e, operation, "main");
        assertThat(translated).isInstanceOf(Problem.class);
        return (Problem) translated;
    }

    @Test
    void constraintViolations() {
        SQLException unique =
                new SQLException("duplicate key value violates unique constraint \"customer__email__key\"", "23505");
        assertThat(problem(unique, SqlErrors.Operation.WRITE).status()).isEqualTo(409);
        assertThat(problem(unique, SqlErrors.Operation.WRITE).detail()).contains("email");

        SQLException missingParent =
                new SQLException("violates foreign key constraint \"vehicle__owner__fk\"", "23503");
        Problem insert = problem(missingParent, SqlErrors.Operation.WRITE);
        assertThat(insert.status()).isEqualTo(422);
        assertThat(insert.errors().get(0).field()).isEqualTo("owner");
        assertThat(problem(missingParent, SqlErrors.Operation.DELETE).status()).isEqualTo(409);
        assertThat(problem(
                                new SQLException(
                                        "Referential integrity: PUBLIC.SERVICE_ITEM__APPOINTMENT__FK", "23506"),
                                SqlErrors.Operation.WRITE)
                        .errors()
                        .get(0)
                        .field())
                .isEqualTo("appointment");
        assertThat(problem(new SQLException("check \"pet__weight__check\"", "23514"), SqlErrors.Operation.WRITE)
                        .status())
                .isEqualTo(422);
    }

    @Test
    void anUnreachableDatabaseIs503AndAnythingElseIsNotTheClientsFault() {
        assertThat(problem(
                                new SQLTransientConnectionException("main - Connection is not available"),
                                SqlErrors.Operation.READ)
                        .status())
                .isEqualTo(503);
        assertThat(problem(new SQLException("Connection refused", "08001"), SqlErrors.Operation.READ)
                        .status())
                .isEqualTo(503);
        assertThat(problem(new SQLException("terminating connection", "57P01"), SqlErrors.Operation.WRITE)
                        .status())
                .isEqualTo(503);
        RuntimeException other =
                SqlErrors.translate(new SQLException("syntax error", "42601"), SqlErrors.Operation.READ, "main");
        assertThat(other).isInstanceOf(DataAccessException.class);
    }
}
