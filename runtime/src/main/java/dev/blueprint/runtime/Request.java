package dev.blueprint.runtime;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blueprint.runtime.security.Security;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.io.IOException;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The request a {@link Handler} sees: typed path and query parameters, paging, the JSON body. */
public final class Request {

    private final HttpServerExchange exchange;
    private final ServerConfig server;
    private final Map<String, String> pathParameters;

    Request(HttpServerExchange exchange, ServerConfig server) {
        this.exchange = exchange;
        this.server = server;
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        this.pathParameters = match == null ? Map.of() : match.getParameters();
    }

    /** The path parameter {@code name} of the route template; 400 when it does not parse. */
    public <T> T path(String name, Param<T> type) {
        String text = pathParameters.get(name);
        if (text == null) throw new IllegalArgumentException("the route has no path parameter {" + name + "}");
        return type.parse("path", name, text);
    }

    /** The required query parameter {@code name}; 400 when missing or when it does not parse. */
    public <T> T query(String name, Param<T> type) {
        return optionalQuery(name, type)
                .orElseThrow(() -> Problem.badRequest("query parameter '" + name + "' is required"));
    }

    /** The query parameter {@code name}, if given; 400 when it does not parse. */
    public <T> Optional<T> optionalQuery(String name, Param<T> type) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty()) return Optional.empty();
        if (values.size() > 1) throw Problem.badRequest("query parameter '" + name + "' is given more than once");
        return Optional.of(type.parse("query", name, values.getFirst()));
    }

    /** {@code ?limit=&offset=}: limit defaults to the page size and may not exceed the max page size. */
    public Page page() {
        int limit = optionalQuery("limit", Param.INT).orElse(server.pageSize());
        int offset = optionalQuery("offset", Param.INT).orElse(0);
        if (limit < 1 || limit > server.maxPageSize()) {
            throw Problem.badRequest("query parameter 'limit' must be within 1.." + server.maxPageSize());
        }
        if (offset < 0) throw Problem.badRequest("query parameter 'offset' must not be negative");
        return new Page(limit, offset);
    }

    /**
     * The body as a JSON object (read before, on the io thread, by {@link BodyHandler}, which answers 413 and 408):
     * 415 when its {@code Content-Type} is not JSON ({@link #isJson}), 400 when it is not a JSON object, 422 naming
     * the member that holds a number no type can hold (an exponent past {@code int}'s range).
     */
    public JsonInput json() {
        byte[] body = body();
        if (body.length == 0) throw Problem.badRequest("the request needs a JSON object body");
        if (!isJson(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))) throw Problem.unsupportedMediaType();
        JsonNode node;
        try (JsonParser parser = Json.mapper().createParser(body)) {
            try {
                node = Json.mapper().readTree(parser);
            } catch (NumberFormatException e) {
                // an exponent past int's range (1e2147483648): valid JSON, a value no number type holds
                throw Problem.validation(List.of(new FieldError(topLevelName(parser), Storable.DIGITS)));
            }
        } catch (JacksonException e) {
            throw Problem.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw Problem.badRequest("the body could not be read");
        }
        if (!(node instanceof ObjectNode)) throw Problem.badRequest("the body must be a JSON object");
        return new JsonInput((ObjectNode) node);
    }

    /**
     * Whether {@code contentType} is {@code application/json} or {@code application/<anything>+json}, with any
     * parameters: a body a browser cannot send cross-site without a preflight (a form's types are not JSON).
     */
    static boolean isJson(String contentType) {
        if (contentType == null) return false;
        int end = contentType.indexOf(';');
        String type = (end < 0 ? contentType : contentType.substring(0, end)).trim();
        if (type.equalsIgnoreCase("application/json")) return true;
        return type.length() > "application/+json".length()
                && type.regionMatches(true, 0, "application/", 0, "application/".length())
                && type.regionMatches(true, type.length() - 5, "+json", 0, 5)
                && type.indexOf('/', "application/".length()) < 0;
    }

    /** The name of the body's member {@code parser} is in, however deep: the field a {@link Field} reads. */
    private static String topLevelName(JsonParser parser) {
        JsonStreamContext context = parser.getParsingContext();
        while (context.getParent() != null && !context.getParent().inRoot()) context = context.getParent();
        String name = context.getCurrentName();
        return name == null ? "" : name;
    }

    /** The authenticated caller, when the request carried a valid credential. */
    public Optional<Principal> principal() {
        return Optional.ofNullable(exchange.getAttachment(Security.PRINCIPAL));
    }

    /** The request id (from {@code X-Request-Id}, or generated). */
    public String requestId() {
        return RequestIds.of(exchange);
    }

    HttpServerExchange exchange() {
        return exchange;
    }

    private byte[] body() {
        byte[] body = exchange.getAttachment(BodyHandler.BODY);
        return body == null ? new byte[0] : body;
    }
}
