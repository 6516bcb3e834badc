package dev.blueprint.runtime;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The server's time for {@code @created} and {@code @updated}: microsecond precision, as both databases store it. */
public final class Clock {

    private Clock() {}

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
