package dev.blueprint.runtime;

import java.util.Optional;

/**
 * What a handler answers: a status, an optional JSON body and an optional {@code Location}.
 *
 * @param status    the HTTP status
 * @param body      serialized as JSON when present
 * @param location  the {@code Location} header, for 201
 */
public record Reply(int status, Optional<Object> body, Optional<String> location) {

    public static Reply ok(Object body) {
        return new Reply(200, Optional.of(body), Optional.empty());
    }

    public static Reply created(Object body, String location) {
        return new Reply(201, Optional.of(body), Optional.of(location));
    }

    public static Reply noContent() {
        return new Reply(204, Optional.empty(), Optional.empty());
    }
}
