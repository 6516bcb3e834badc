package dev.blueprint.runtime.security;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

/**
 * The headers every response carries: no sniffing, no referrer, no framing, a content security policy that loads
 * nothing (the service serves JSON), no caching, and HSTS when the request came over TLS (directly or, as
 * {@code X-Forwarded-Proto: https} says, through a proxy that terminated it).
 */
final class SecurityHeaders {

    static final HttpString CONTENT_TYPE_OPTIONS = new HttpString("X-Content-Type-Options");
    static final HttpString REFERRER_POLICY = new HttpString("Referrer-Policy");
    static final HttpString FRAME_OPTIONS = new HttpString("X-Frame-Options");
    static final HttpString CONTENT_SECURITY_POLICY = new HttpString("Content-Security-Policy");
    static final HttpString CACHE_CONTROL = new HttpString("Cache-Control");
    static final HttpString STRICT_TRANSPORT_SECURITY = new HttpString("Strict-Transport-Security");
    static final HttpString FORWARDED_PROTO = new HttpString("X-Forwarded-Proto");

    private SecurityHeaders() {}

    static void apply(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(CONTENT_TYPE_OPTIONS, "nosniff");
        headers.put(REFERRER_POLICY, "no-referrer");
        headers.put(FRAME_OPTIONS, "DENY");
        headers.put(CONTENT_SECURITY_POLICY, "default-src 'none'; frame-ancestors 'none'");
        headers.put(CACHE_CONTROL, "no-store");
        if (overTls(exchange)) headers.put(STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
    }

    private static boolean overTls(HttpServerExchange exchange) {
        if ("https".equalsIgnoreCase(exchange.getRequestScheme())) return true;
        String forwarded = exchange.getRequestHeaders().getFirst(FORWARDED_PROTO);
        if (forwarded == null) return false;
        int comma = forwarded.indexOf(',');
        // the first value is the client's hop
        return (comma < 0 ? forwarded : forwarded.substring(0, comma)).trim().equalsIgnoreCase("https");
    }
}
