package dev.blueprint.runtime.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One CLIENT span per database statement, a child of whatever span is current (the request's, while a handler
 * runs). Attributes follow the semantic conventions: {@code db.system.name} ({@code h2}, {@code postgresql}),
 * {@code db.namespace} (the store's name), {@code db.operation.name}, {@code db.collection.name} when the statement
 * names a table, and {@code db.query.text}: the parameterized SQL as written, never a bound value. A failure
 * records {@code error.type} (the exception's class) and {@code db.response.status_code} (the SQLState), never the
 * database's message, which can quote values.
 *
 * <p>Part of the runtime's machinery; generated code does not call it.
 */
public final class DatabaseTracing {

    /** A statement that may fail with an {@link SQLException}. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws SQLException;
    }

    static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
    static final AttributeKey<String> DB_OPERATION_NAME = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<String> DB_COLLECTION_NAME = AttributeKey.stringKey("db.collection.name");
    static final AttributeKey<String> DB_QUERY_TEXT = AttributeKey.stringKey("db.query.text");
    static final AttributeKey<String> DB_RESPONSE_STATUS_CODE = AttributeKey.stringKey("db.response.status_code");

    private static final DatabaseTracing OFF = new DatabaseTracing(null, "", "");
    private static final Pattern OPERATION = Pattern.compile("^[\\s(]*([A-Za-z]+)");
    private static final Pattern TABLE =
            Pattern.compile("(?i)\\b(?:FROM|INTO|UPDATE)\\s+(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)");
    /** Generated repositories use a fixed set of statements; the cache stops growing past this many. */
    private static final int CACHE_LIMIT = 4096;

    /** What a statement's span is named and tagged with, derived once per SQL text. */
    private record Summary(String spanName, String operation, String table) {}

    private final Tracer tracer;
    private final String system;
    private final String namespace;
    private final Map<String, Summary> summaries = new ConcurrentHashMap<>();

    private DatabaseTracing(Tracer tracer, String system, String namespace) {
        this.tracer = tracer;
        this.system = system;
        this.namespace = namespace;
    }

    /** Records nothing. */
    public static DatabaseTracing off() {
        return OFF;
    }

    /**
     * Spans for the store {@code storeName} whose JDBC URL is {@code jdbcUrl}; {@link #off()} when
     * {@code openTelemetry} is {@link OpenTelemetry#noop()}.
     */
    public static DatabaseTracing of(OpenTelemetry openTelemetry, String jdbcUrl, String storeName) {
        if (openTelemetry == OpenTelemetry.noop()) return OFF;
        return new DatabaseTracing(openTelemetry.getTracer("dev.blueprint.runtime"), system(jdbcUrl), storeName);
    }

    /** {@code h2}, {@code postgresql}, or the JDBC subprotocol of another URL. */
    static String system(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) return "h2";
        if (url.startsWith("jdbc:postgresql:")) return "postgresql";
        int end = url.indexOf(':', 5);
        return url.startsWith("jdbc:") && end > 5 ? url.substring(5, end) : "other_sql";
    }

    /** Whether spans are recorded. */
    public boolean enabled() {
        return tracer != null;
    }

    /** Runs {@code call}, the statement {@code sql}, inside its span. */
    public <T> T trace(String sql, Call<T> call) throws SQLException {
        if (tracer == null) return call.run();
        Summary summary = summarize(sql);
        var builder = tracer.spanBuilder(summary.spanName())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(DB_SYSTEM_NAME, system)
                .setAttribute(DB_NAMESPACE, namespace)
                .setAttribute(DB_QUERY_TEXT, sql);
        if (!summary.operation().isEmpty()) builder.setAttribute(DB_OPERATION_NAME, summary.operation());
        if (!summary.table().isEmpty()) builder.setAttribute(DB_COLLECTION_NAME, summary.table());
        Span span = builder.startSpan();
        Scope scope = span.makeCurrent();
        try {
            return call.run();
        } catch (SQLException e) {
            span.setStatus(StatusCode.ERROR);
            span.setAttribute(RequestTelemetry.ERROR_TYPE, e.getClass().getName());
            if (e.getSQLState() != null) span.setAttribute(DB_RESPONSE_STATUS_CODE, e.getSQLState());
            throw e;
        } catch (RuntimeException | Error e) {
            span.setStatus(StatusCode.ERROR);
            span.setAttribute(RequestTelemetry.ERROR_TYPE, e.getClass().getName());
            throw e;
        } finally {
            scope.close();
            span.end();
        }
    }

    private Summary summarize(String sql) {
        Summary cached = summaries.get(sql);
        if (cached != null) return cached;
        Summary summary = summary(sql, namespace);
        if (summaries.size() < CACHE_LIMIT) summaries.put(sql, summary);
        return summary;
    }

    /** The span name {@code OPERATION table} (or {@code OPERATION namespace}), per the semantic conventions. */
    static String spanName(String sql, String namespace) {
        return summary(sql, namespace).spanName();
    }

    private static Summary summary(String sql, String namespace) {
        Matcher operation = OPERATION.matcher(sql);
        String op = operation.find() ? operation.group(1).toUpperCase(Locale.ROOT) : "";
        Matcher table = TABLE.matcher(sql);
        String name = "";
        if (table.find()) {
            name = table.group(1);
            if (name.startsWith("\""))
                name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        String target = name.isEmpty() ? namespace : name;
        String spanName = op.isEmpty() ? target : op + " " + target;
        return new Summary(spanName, op, name);
    }
}
