package dev.blueprint.runtime;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An RFC 9457 problem: thrown anywhere in a handler, it becomes an {@code application/problem+json} response.
 * The detail is shown to clients, so it never carries exception messages or stack traces.
 */
public final class Problem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final String detail;
    private final List<FieldError> errors;
    private final transient Map<String, String> headers;

    public Problem(int status, String title, String detail) {
        this(status, title, detail, List.of(), Map.of());
    }

    private Problem(int status, String title, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(status + " " + title + ": " + detail, null, false, false);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "Bad Request", detail);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "Not Found", detail);
    }

    /** 404 for a missing row: {@code "no customer with id 42"}. */
    public static Problem notFound(String entity, Object key) {
        return notFound("no " + entity + " with key " + key);
    }

    public static Problem methodNotAllowed(String method, List<String> allowed) {
        return new Problem(
                405,
                "Method Not Allowed",
                method + " is not allowed here; use " + String.join(", ", allowed),
                List.of(),
                Map.of("Allow", String.join(", ", allowed)));
    }

    /** 401: the request carries no valid credential (the caller adds {@code WWW-Authenticate}). */
    public static Problem unauthorized(String detail) {
        return new Problem(401, "Unauthorized", detail);
    }

    /** 403: the caller is known but may not do this. */
    public static Problem forbidden(String detail) {
        return new Problem(403, "Forbidden", detail);
    }

    /** 429 with {@code Retry-After} (whole seconds, at least 1). */
    public static Problem tooManyRequests(long retryAfterSeconds) {
        long seconds = Math.max(1, retryAfterSeconds);
        return new Problem(
                429,
                "Too Many Requests",
                "the rate limit is exceeded; retry after " + seconds + (seconds == 1 ? " second" : " seconds"),
                List.of(),
                Map.of("Retry-After", Long.toString(seconds)));
    }

    /** 408: the request's body did not arrive within {@code timeout}. */
    public static Problem bodyTimeout(java.time.Duration timeout) {
        return new Problem(
                408, "Request Timeout", "the request body did not arrive within " + timeout.toMillis() + " ms");
    }

    /** 415: a body whose {@code Content-Type} is not JSON. */
    public static Problem unsupportedMediaType() {
        return new Problem(415, "Unsupported Media Type", "the request body needs Content-Type: application/json");
    }

    public static Problem conflict(String detail) {
        return new Problem(409, "Conflict", detail);
    }

    public static Problem tooLarge(long maxBytes) {
        return new Problem(413, "Content Too Large", "the request body is larger than " + maxBytes + " bytes");
    }

    /** 422 listing every failing field. */
    public static Problem validation(List<FieldError> errors) {
        String detail = errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid";
        return new Problem(422, "Unprocessable Content", detail, errors, Map.of());
    }

    public static Problem unavailable(String detail) {
        return new Problem(503, "Service Unavailable", detail);
    }

    /** 503 with {@code Retry-After: 1}: every worker is busy and the requests waiting for one are as many as allowed. */
    public static Problem atCapacity() {
        return new Problem(
                503,
                "Service Unavailable",
                "the service is at capacity; retry later",
                List.of(),
                Map.of("Retry-After", "1"));
    }

    public static Problem internal() {
        return new Problem(500, "Internal Server Error", "the server failed to handle the request; see its log");
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Extra response headers, e.g. {@code Allow} on 405. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON body: type, title, status, detail, instance, requestId and, for 422, errors. */
    public Map<String, Object> body(String instance, String requestId) {
        return body(instance, requestId, null);
    }

    /** The JSON body as {@link #body(String, String)}, with {@code traceId} when it is not null (tracing is on). */
    public Map<String, Object> body(String instance, String requestId, String traceId) {
        Map<String, Object> body = new TreeMap<>();
        if (traceId != null) body.put("traceId", traceId);
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        body.put("requestId", requestId);
        if (!errors.isEmpty()) body.put("errors", errors);
        return body;
    }
}
