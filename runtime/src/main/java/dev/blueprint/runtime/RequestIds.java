package dev.blueprint.runtime;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import java.util.UUID;
import java.util.regex.Pattern;

/** {@code X-Request-Id}: kept from the request when it is a sane token, generated otherwise. */
final class RequestIds {

    static final HttpString HEADER = new HttpString("X-Request-Id");
    private static final AttachmentKey<String> KEY = AttachmentKey.create(String.class);
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** Assigns the exchange its id and puts it on the response. */
    static String assign(HttpServerExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        exchange.putAttachment(KEY, id);
        exchange.getResponseHeaders().put(HEADER, id);
        return id;
    }

    static String of(HttpServerExchange exchange) {
        String id = exchange.getAttachment(KEY);
        return id == null ? assign(exchange) : id;
    }
}
