package dev.blueprint.runtime;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** {@code X-Request-Id}: kept from the request when it is a sane token, generated otherwise. */
final class RequestIds {

    static final HttpString HEADER = new HttpString("X-Request-Id");
    private static final AttachmentKey<String> KEY = AttachmentKey.create(String.class);
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {}

    /** Assigns the exchange its id and puts it on the response. */
    static String assign(HttpServerExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : newId();
        exchange.putAttachment(KEY, id);
        exchange.getResponseHeaders().put(HEADER, id);
        return id;
    }

    /**
     * A random version-4 UUID from a thread-local generator: request ids need to be unique, not unpredictable,
     * and {@link UUID#randomUUID()}'s SecureRandom would be a shared lock on every request.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    static String of(HttpServerExchange exchange) {
        String id = exchange.getAttachment(KEY);
        return id == null ? assign(exchange) : id;
    }
}
