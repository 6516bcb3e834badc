package dev.blueprint.runtime;

/** Handles one route. Runs on a worker thread, so it may block (JDBC). Throw {@link Problem} for error replies. */
@FunctionalInterface
public interface Handler {

    Reply handle(Request request) throws Exception;
}
