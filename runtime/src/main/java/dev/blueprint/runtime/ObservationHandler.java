package dev.blueprint.runtime;

import dev.blueprint.runtime.telemetry.RequestTelemetry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The first link of every listener's chain, on the io thread: gives the request its id ({@code X-Request-Id}) and
 * its span, and when the exchange completes ends the span, records the {@code http.server.requests} timer and writes
 * the access-log line. The links after it name the route they matched in {@link #ROUTE}.
 */
final class ObservationHandler implements HttpHandler {

    /** The route template (or management path) that answered an exchange; unset for an unknown path. */
    static final AttachmentKey<String> ROUTE = AttachmentKey.create(String.class);

    private final RequestTelemetry telemetry;
    private final Metrics metrics;
    private final Optional<AccessLog> accessLog;
    private final boolean tracing;
    private final Predicate<String> traced;
    private final Set<String> unlogged;
    private final HttpHandler next;

    /**
     * @param traced   which paths get a span (the probes, {@code /health} and {@code /metrics} are polled all the
     *                 time, and are not)
     * @param unlogged the routes left out of the access log (the probes)
     */
    ObservationHandler(
            RequestTelemetry telemetry,
            Metrics metrics,
            Optional<AccessLog> accessLog,
            Predicate<String> traced,
            Set<String> unlogged,
            HttpHandler next) {
        this.telemetry = telemetry;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.tracing = telemetry.enabled();
        this.traced = traced;
        this.unlogged = Set.copyOf(unlogged);
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String requestId = RequestIds.assign(exchange);
        long start = System.nanoTime();
        telemetry.begin(exchange, requestId, tracing && traced.test(exchange.getRelativePath()));
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            try {
                completed(done, requestId, System.nanoTime() - start);
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }

    private void completed(HttpServerExchange exchange, String requestId, long nanos) {
        String route = exchange.getAttachment(ROUTE);
        telemetry.end(exchange, route);
        String method = exchange.getRequestMethod().toString();
        metrics.request(method, route == null ? "unmatched" : route, exchange.getStatusCode(), nanos);
        if (accessLog.isPresent() && (route == null || !unlogged.contains(route))) {
            accessLog
                    .get()
                    .log(new AccessLog.Entry(
                            System.currentTimeMillis(),
                            method,
                            exchange.getRequestPath(),
                            exchange.getStatusCode(),
                            exchange.getResponseBytesSent(),
                            nanos,
                            requestId,
                            telemetry.traceId(exchange).orElse(null)));
        }
    }
}
