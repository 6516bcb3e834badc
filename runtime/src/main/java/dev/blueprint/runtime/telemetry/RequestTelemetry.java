package dev.blueprint.runtime.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * What a request leaves behind for observability: its SERVER span (continuing a W3C {@code traceparent}), the
 * {@code X-Trace-Id} response header, and the ids in the logging MDC while its handler runs.
 *
 * <p>The span starts on the io thread when the request arrives ({@link #begin}), is current on the handler's thread
 * ({@link #enter}, so database spans become its children) and ends when the exchange completes ({@link #end}). The
 * span is named {@code METHOD /route/{template}} with the semantic-convention attributes {@code http.request.method},
 * {@code url.path}, {@code url.scheme}, {@code http.route}, {@code http.response.status_code}, {@code client.address},
 * {@code user_agent.original} and the request id as {@code blueprint.request_id}; a 5xx sets the error status and
 * {@code error.type}. Exception messages never become attributes.
 *
 * <p>Part of the runtime's machinery; generated code does not call it.
 */
public final class RequestTelemetry {

    /** The MDC key of the request id. */
    public static final String REQUEST_ID = "requestId";
    /** The MDC key of the trace id (present only when tracing is on). */
    public static final String TRACE_ID = "traceId";
    /** The MDC key of the span id of the request's span. */
    public static final String SPAN_ID = "spanId";
    /** The response header that carries the trace id when tracing is on. */
    public static final HttpString TRACE_ID_HEADER = new HttpString("X-Trace-Id");

    static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> HTTP_REQUEST_METHOD_ORIGINAL =
            AttributeKey.stringKey("http.request.method_original");
    static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
    static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
    static final AttributeKey<String> NETWORK_PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    /** The request id ({@code X-Request-Id}) of the request a span belongs to. */
    public static final AttributeKey<String> REQUEST_ID_ATTRIBUTE = AttributeKey.stringKey("blueprint.request_id");

    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    private static final AttachmentKey<Context> CONTEXT = AttachmentKey.create(Context.class);
    private static final AttachmentKey<String> FAILURE = AttachmentKey.create(String.class);

    /** Reads propagation headers ({@code traceparent}, {@code tracestate}, {@code baggage}) from the request. */
    private static final TextMapGetter<HttpServerExchange> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServerExchange exchange) {
            List<String> names = new ArrayList<>();
            for (HttpString name : exchange.getRequestHeaders().getHeaderNames()) names.add(name.toString());
            return names;
        }

        @Override
        public String get(HttpServerExchange exchange, String key) {
            if (exchange == null) return null;
            HeaderValues values = exchange.getRequestHeaders().get(key);
            return values == null ? null : values.getFirst();
        }
    };

    private final OpenTelemetry openTelemetry;
    private final boolean enabled;
    private final boolean owned;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    /**
     * @param openTelemetry where spans go; {@link OpenTelemetry#noop()} turns tracing off
     * @param owned         whether {@link #shutdown()} shuts the SDK down (true when the runtime built it)
     */
    public RequestTelemetry(OpenTelemetry openTelemetry, boolean owned) {
        this.openTelemetry = openTelemetry;
        this.enabled = openTelemetry != OpenTelemetry.noop();
        this.owned = owned;
        this.tracer = openTelemetry.getTracer("dev.blueprint.runtime");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Whether requests are traced. */
    public boolean enabled() {
        return enabled;
    }

    /** The OpenTelemetry this records to. */
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /**
     * On the io thread, when the request arrives: starts its SERVER span and puts the trace id on the response.
     * {@code traced} false (probes, {@code /health}, {@code /metrics}) records nothing.
     */
    public void begin(HttpServerExchange exchange, String requestId, boolean traced) {
        if (!enabled || !traced) return;
        Context parent = propagator.extract(Context.root(), exchange, HEADERS);
        String method = exchange.getRequestMethod().toString();
        boolean known = KNOWN_METHODS.contains(method);
        var builder = tracer.spanBuilder(known ? method : "HTTP")
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(HTTP_REQUEST_METHOD, known ? method : "_OTHER")
                .setAttribute(URL_PATH, exchange.getRequestPath())
                .setAttribute(URL_SCHEME, exchange.getRequestScheme())
                .setAttribute(NETWORK_PROTOCOL_VERSION, protocolVersion(exchange))
                .setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
        if (!known) builder.setAttribute(HTTP_REQUEST_METHOD_ORIGINAL, method);
        InetSocketAddress peer = exchange.getSourceAddress();
        if (peer != null && peer.getAddress() != null)
            builder.setAttribute(CLIENT_ADDRESS, peer.getAddress().getHostAddress());
        String agent = exchange.getRequestHeaders().getFirst("User-Agent");
        if (agent != null) builder.setAttribute(USER_AGENT, agent);
        Span span = builder.startSpan();
        exchange.putAttachment(CONTEXT, parent.with(span));
        SpanContext context = span.getSpanContext();
        if (context.isValid()) exchange.getResponseHeaders().put(TRACE_ID_HEADER, context.getTraceId());
    }

    /**
     * On the thread that runs the handler: makes the request's span current and puts the request id (and trace and
     * span ids when traced) in the MDC; closing the scope undoes both.
     */
    public Scope enter(HttpServerExchange exchange, String requestId) {
        Context context = exchange.getAttachment(CONTEXT);
        MDC.put(REQUEST_ID, requestId);
        if (context == null) return () -> MDC.remove(REQUEST_ID);
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (span.isValid()) {
            MDC.put(TRACE_ID, span.getTraceId());
            MDC.put(SPAN_ID, span.getSpanId());
        }
        Scope scope = context.makeCurrent();
        return () -> {
            scope.close();
            MDC.remove(REQUEST_ID);
            MDC.remove(TRACE_ID);
            MDC.remove(SPAN_ID);
        };
    }

    /** Records what failed unexpectedly (its type, never its message) on the request's span. */
    public void failed(HttpServerExchange exchange, Throwable error) {
        if (exchange.getAttachment(CONTEXT) != null)
            exchange.putAttachment(FAILURE, error.getClass().getName());
    }

    /** When the exchange completes: names the span after its route template, records the status and ends it. */
    public void end(HttpServerExchange exchange, String routeTemplate) {
        Context context = exchange.getAttachment(CONTEXT);
        if (context == null) return;
        Span span = Span.fromContext(context);
        if (routeTemplate != null) {
            String method = exchange.getRequestMethod().toString();
            span.updateName((KNOWN_METHODS.contains(method) ? method : "HTTP") + " " + routeTemplate);
            span.setAttribute(HTTP_ROUTE, routeTemplate);
        }
        int status = exchange.getStatusCode();
        span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) status);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
            // error.type is the exception's class when one was recorded, else the status code
            String failure = exchange.getAttachment(FAILURE);
            span.setAttribute(ERROR_TYPE, failure != null ? failure : Integer.toString(status));
        }
        span.end();
    }

    /** The trace id of the request's span, when it is traced. */
    public Optional<String> traceId(HttpServerExchange exchange) {
        Context context = exchange.getAttachment(CONTEXT);
        if (context == null) return Optional.empty();
        SpanContext span = Span.fromContext(context).getSpanContext();
        return span.isValid() ? Optional.of(span.getTraceId()) : Optional.empty();
    }

    /** Flushes and shuts the SDK down when the runtime built it; waits at most {@code timeoutMillis}. */
    public void shutdown(long timeoutMillis) {
        if (owned && openTelemetry instanceof OpenTelemetrySdk sdk)
            sdk.shutdown().join(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private static String protocolVersion(HttpServerExchange exchange) {
        String protocol = exchange.getProtocol().toString();
        int slash = protocol.indexOf('/');
        return slash < 0 ? protocol : protocol.substring(slash + 1);
    }
}
