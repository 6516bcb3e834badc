package dev.blueprint.runtime;

import dev.blueprint.runtime.telemetry.RequestTelemetry;
import io.opentelemetry.context.Scope;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Leaves the io thread: runs {@code next} on an executor (the worker pool, or the probe threads) through
 * {@link HttpServerExchange#dispatch(Executor, HttpHandler)}, with the request's span current and its ids in the
 * logging MDC while it runs. The exchange stays non-blocking: a handler reads its body blocking when it asks for it
 * ({@link Request#json()}), and replies are sent without blocking the worker.
 */
final class DispatchHandler implements HttpHandler {

    /** Null: the connection's worker pool. */
    private final Executor executor;

    private final RequestTelemetry telemetry;
    private final HttpHandler next;
    private final HttpHandler inContext = this::inContext;

    private DispatchHandler(Executor executor, RequestTelemetry telemetry, HttpHandler next) {
        this.executor = executor;
        this.telemetry = telemetry;
        this.next = next;
    }

    /** Runs {@code next} on the worker pool. */
    static DispatchHandler toWorkers(RequestTelemetry telemetry, HttpHandler next) {
        return new DispatchHandler(null, telemetry, next);
    }

    /** Runs {@code next} on {@code executor}. */
    static DispatchHandler to(Executor executor, RequestTelemetry telemetry, HttpHandler next) {
        return new DispatchHandler(Objects.requireNonNull(executor, "executor"), telemetry, next);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(executor, inContext);
        } else {
            inContext(exchange);
        }
    }

    private void inContext(HttpServerExchange exchange) throws Exception {
        try (Scope scope = telemetry.enter(exchange, RequestIds.of(exchange))) {
            next.handleRequest(exchange);
        }
    }
}
