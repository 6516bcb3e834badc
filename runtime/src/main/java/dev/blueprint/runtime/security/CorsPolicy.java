package dev.blueprint.runtime.security;

import dev.blueprint.runtime.CorsConfig;
import dev.blueprint.runtime.Problem;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies {@link CorsConfig}: answers preflights (204 when the origin, the method and every requested header are
 * allowed, 403 naming what is not), and marks actual requests from an allowed origin. Nothing here blocks.
 */
final class CorsPolicy {

    static final HttpString ORIGIN = new HttpString("Origin");
    static final HttpString REQUEST_METHOD = new HttpString("Access-Control-Request-Method");
    static final HttpString REQUEST_HEADERS = new HttpString("Access-Control-Request-Headers");
    static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    static final HttpString ALLOW_CREDENTIALS = new HttpString("Access-Control-Allow-Credentials");
    static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");
    static final HttpString EXPOSE_HEADERS = new HttpString("Access-Control-Expose-Headers");
    static final String EXPOSED =
            "X-Request-Id, X-Trace-Id, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining";
    /** Request headers a browser may send cross-origin without asking (CORS-safelisted). */
    private static final Set<String> SAFELISTED = Set.of("accept", "accept-language", "content-language");

    private final CorsConfig config;
    private final Set<String> allowedHeaders;
    private final String allowMethods;
    private final String allowHeaders;

    CorsPolicy(CorsConfig config) {
        this.config = config;
        this.allowedHeaders =
                config.headers().stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.allowMethods = String.join(", ", config.methods());
        this.allowHeaders = String.join(", ", config.headers());
    }

    /**
     * Answers {@code exchange} when it is a preflight: true once 204 is sent; a 403 {@link Problem} when it is
     * refused. Otherwise adds the headers of an actual cross-origin request and answers false.
     */
    boolean apply(HttpServerExchange exchange) {
        HeaderMap request = exchange.getRequestHeaders();
        String origin = request.getFirst(ORIGIN);
        if (origin == null) return false;
        HeaderMap response = exchange.getResponseHeaders();
        response.add(Headers.VARY, "Origin");
        boolean allowed = allows(origin);
        String requestedMethod = request.getFirst(REQUEST_METHOD);
        if (exchange.getRequestMethod().toString().equals("OPTIONS") && requestedMethod != null) {
            List<String> refused = new ArrayList<>();
            if (!allowed) refused.add("origin " + shown(origin) + " is not allowed");
            if (!config.methods().contains(requestedMethod.trim()))
                refused.add("method " + shown(requestedMethod.trim()) + " is not allowed");
            List<String> headers = new ArrayList<>();
            for (String value :
                    request.get(REQUEST_HEADERS) == null ? List.<String>of() : request.get(REQUEST_HEADERS)) {
                for (String header : value.split(",")) {
                    String name = shown(header.trim().toLowerCase(Locale.ROOT));
                    if (!name.isEmpty() && !allowedHeaders.contains(name) && !SAFELISTED.contains(name))
                        headers.add(name);
                }
            }
            if (!headers.isEmpty())
                refused.add((headers.size() == 1 ? "header " : "headers ") + String.join(", ", headers)
                        + (headers.size() == 1 ? " is" : " are") + " not allowed");
            if (!refused.isEmpty()) throw Problem.forbidden("CORS preflight refused: " + String.join("; ", refused));
            allowOrigin(response, origin);
            response.put(ALLOW_METHODS, allowMethods);
            if (!allowHeaders.isEmpty()) response.put(ALLOW_HEADERS, allowHeaders);
            response.put(MAX_AGE, Long.toString(config.maxAge().toSeconds()));
            exchange.setStatusCode(204);
            exchange.endExchange();
            return true;
        }
        if (allowed) {
            allowOrigin(response, origin);
            response.put(EXPOSE_HEADERS, EXPOSED);
        }
        return false;
    }

    /** Request text as it may appear in a problem's detail: short, printable. */
    private static String shown(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 100 ? printable : printable.substring(0, 100) + "…";
    }

    private boolean allows(String origin) {
        return config.anyOrigin() || config.origins().contains(origin);
    }

    private void allowOrigin(HeaderMap response, String origin) {
        response.put(ALLOW_ORIGIN, config.anyOrigin() && !config.credentials() ? "*" : origin);
        if (config.credentials()) response.put(ALLOW_CREDENTIALS, "true");
    }
}
