package dev.blueprint.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-origin rules. A preflight from an allowed origin asking for an allowed method and allowed headers gets
 * 204 with the {@code Access-Control-Allow-*} headers; any other preflight gets 403. Actual requests from an
 * allowed origin get {@code Access-Control-Allow-Origin}.
 *
 * <pre>{@code
 * CorsConfig.origins("https://shop.example.com").methods("GET", "POST").headers("Authorization", "Content-Type")
 *         .credentials(true).maxAge(Duration.ofMinutes(10))
 * }</pre>
 *
 * @param origins      allowed origins ({@code scheme://host[:port]}), or just {@code "*"}
 * @param methods      allowed methods
 * @param headers      allowed request headers (compared without regard to case)
 * @param credentials  whether browsers may send cookies and credentials ({@code Access-Control-Allow-Credentials})
 * @param maxAge       how long a browser may cache a preflight's answer
 */
public record CorsConfig(
        List<String> origins, List<String> methods, List<String> headers, boolean credentials, Duration maxAge) {

    public CorsConfig {
        origins = List.copyOf(origins);
        methods = List.copyOf(methods);
        headers = List.copyOf(headers);
        if (origins.isEmpty()) throw new IllegalArgumentException("CORS needs at least one origin");
        if (origins.contains("*") && origins.size() > 1)
            throw new IllegalArgumentException("CORS origin * stands alone");
        for (String origin : origins) checkOrigin(origin);
        if (origins.contains("*") && credentials) {
            throw new IllegalArgumentException("CORS origin * cannot be combined with credentials; list the origins");
        }
        if (methods.isEmpty()) throw new IllegalArgumentException("CORS needs at least one method");
        for (String method : methods) {
            if (method == null || !method.matches("[A-Z]+"))
                throw new IllegalArgumentException(
                        "CORS method must be an upper-case method name, got '" + method + "'");
        }
        for (String header : headers) {
            if (header == null || !ApiKeyConfig.TOKEN.matcher(header).matches()) {
                throw new IllegalArgumentException("CORS header must be a header name, got '" + header + "'");
            }
        }
        distinct("origin", origins);
        distinct("method", methods);
        distinct("header", headers.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
        if (maxAge == null || maxAge.isNegative())
            throw new IllegalArgumentException("CORS max age must not be negative");
    }

    /** Requests from {@code values}; GET, POST, PUT, DELETE; headers Authorization and Content-Type; no credentials; 10 minutes. */
    public static CorsConfig origins(String... values) {
        return new CorsConfig(
                List.of(values),
                List.of("GET", "POST", "PUT", "DELETE"),
                List.of("Authorization", "Content-Type"),
                false,
                Duration.ofMinutes(10));
    }

    public CorsConfig methods(String... values) {
        return new CorsConfig(origins, List.of(values), headers, credentials, maxAge);
    }

    public CorsConfig headers(String... values) {
        return new CorsConfig(origins, methods, List.of(values), credentials, maxAge);
    }

    public CorsConfig credentials(boolean value) {
        return new CorsConfig(origins, methods, headers, value, maxAge);
    }

    public CorsConfig maxAge(Duration value) {
        return new CorsConfig(origins, methods, headers, credentials, value);
    }

    /** Whether every origin is allowed. */
    public boolean anyOrigin() {
        return origins.equals(List.of("*"));
    }

    private static void checkOrigin(String origin) {
        if (origin == null) throw new IllegalArgumentException("a CORS origin must not be null");
        if (origin.equals("*")) return;
        String problem = null;
        try {
            URI uri = new URI(origin);
            if (uri.getScheme() == null
                    || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                problem = "is not an http(s) origin";
            } else if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                problem = "has more than scheme://host[:port] (no path, not even /)";
            } else if (!origin.equals(origin.toLowerCase(Locale.ROOT))) {
                problem = "must be lower case, as browsers send it";
            }
        } catch (URISyntaxException e) {
            problem = "is not a URL";
        }
        if (problem != null) throw new IllegalArgumentException("CORS origin '" + origin + "' " + problem);
    }

    private static void distinct(String what, List<String> values) {
        Set<String> seen = new LinkedHashSet<>();
        for (String value : values) {
            if (!seen.add(value)) throw new IllegalArgumentException("CORS " + what + " " + value + " is listed twice");
        }
    }
}
