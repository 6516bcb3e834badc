package dev.blueprint.runtime;

import dev.blueprint.runtime.security.Security;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Puts the security headers on every response, before anything can answer (see {@link Security#headers}). */
final class SecurityHeadersHandler implements HttpHandler {

    private final Security security;
    private final HttpHandler next;

    SecurityHeadersHandler(Security security, HttpHandler next) {
        this.security = security;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        security.headers(exchange);
        next.handleRequest(exchange);
    }
}
