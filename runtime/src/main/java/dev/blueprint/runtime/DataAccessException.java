package dev.blueprint.runtime;

import java.sql.SQLException;

/** A database failure that is no client's fault; answered with 500, logged with its cause. */
public final class DataAccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataAccessException(String message, SQLException cause) {
        super(message, cause);
    }
}
