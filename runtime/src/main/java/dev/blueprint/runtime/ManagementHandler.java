package dev.blueprint.runtime;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Map;

/**
 * The management endpoints (probes, {@code /health}, {@code /metrics}, {@code /openapi.json}), found by exact path;
 * every other path goes to {@code next}. Each answers GET only (405 otherwise) and names itself as the route. An
 * endpoint runs on the io thread, so one that blocks dispatches itself (readiness, startup and {@code /health} do,
 * to the {@link Health#threads() probe threads}).
 */
final class ManagementHandler implements HttpHandler {

    private final Map<String, HttpHandler> endpoints;
    private final Responses responses;
    private final HttpHandler next;

    /** @param endpoints by path */
    ManagementHandler(Map<String, HttpHandler> endpoints, Responses responses, HttpHandler next) {
        this.endpoints = Map.copyOf(endpoints);
        this.responses = responses;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRelativePath();
        HttpHandler endpoint = endpoints.get(path);
        if (endpoint == null) {
            next.handleRequest(exchange);
            return;
        }
        exchange.putAttachment(ObservationHandler.ROUTE, path);
        String method = exchange.getRequestMethod().toString();
        if (!method.equals("GET")) {
            responses.problem(exchange, Problem.methodNotAllowed(method, List.of("GET")));
            return;
        }
        endpoint.handleRequest(exchange);
    }
}
