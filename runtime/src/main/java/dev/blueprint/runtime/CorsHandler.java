package dev.blueprint.runtime;

import dev.blueprint.runtime.security.Security;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * CORS, on the io thread before anything else answers (see {@link Security#cors}): a preflight is answered here, 204 or
 * a 403 problem; an actual cross-origin request from an allowed origin is marked and goes on. Only in the chain of a
 * service that configures CORS.
 */
final class CorsHandler implements HttpHandler {

    private final Security security;
    private final Responses responses;
    private final HttpHandler next;

    CorsHandler(Security security, Responses responses, HttpHandler next) {
        this.security = security;
        this.responses = responses;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        boolean answered;
        try {
            answered = security.cors(exchange);
        } catch (Problem refused) {
            responses.problem(exchange, refused);
            return;
        }
        if (!answered) next.handleRequest(exchange);
    }
}
