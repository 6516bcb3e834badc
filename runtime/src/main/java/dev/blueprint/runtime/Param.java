package dev.blueprint.runtime;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * How a path or query parameter's text becomes a value. A text that does not parse, or that neither database can
 * take ({@link Storable}), is a 400 naming the parameter and the expected type.
 *
 * @param <T> the value's type
 */
public final class Param<T> {

    public static final Param<String> STRING =
            new Param<>("text without a NUL character or an unpaired surrogate", Param::parseText);
    public static final Param<Integer> INT = new Param<>("an integer", Integer::valueOf);
    public static final Param<Long> LONG = new Param<>("an integer", Long::valueOf);
    public static final Param<BigDecimal> DECIMAL = new Param<>(
            "a decimal number with at most " + Storable.MAX_DIGITS + " digits before and after the point",
            Param::parseDecimal);
    public static final Param<Boolean> BOOL = new Param<>("true or false", Param::parseBool);
    public static final Param<UUID> UUID = new Param<>("a UUID", Param::parseUuid);
    public static final Param<Instant> TIMESTAMP =
            new Param<>("an ISO-8601 instant within years 1 to 9999", Param::parseInstant);
    public static final Param<LocalDate> DATE =
            new Param<>("an ISO-8601 date within years 1 to 9999", Param::parseDate);

    private final String expected;
    private final Function<String, T> parser;

    private Param(String expected, Function<String, T> parser) {
        this.expected = expected;
        this.parser = parser;
    }

    /** An enum parameter, matched by member name. */
    public static <E extends Enum<E>> Param<E> enumeration(Class<E> type) {
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ").append(constant.name());
        }
        return new Param<>("one of " + names, s -> Enum.valueOf(type, s));
    }

    /** Parses {@code text}, the value of the parameter {@code name}. */
    T parse(String kind, String name, String text) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw Problem.badRequest(kind + " parameter '" + name + "' must be " + expected);
        }
    }

    private static String parseText(String text) {
        if (!Storable.text(text)) throw new IllegalArgumentException("not storable text");
        return text;
    }

    private static BigDecimal parseDecimal(String text) {
        BigDecimal value = new BigDecimal(text);
        if (!Storable.decimal(value)) throw new IllegalArgumentException(text);
        return value;
    }

    private static Instant parseInstant(String text) {
        Instant value = Instant.parse(text);
        if (!Storable.instant(value)) throw new IllegalArgumentException(text);
        return value;
    }

    private static LocalDate parseDate(String text) {
        LocalDate value = LocalDate.parse(text);
        if (!Storable.date(value)) throw new IllegalArgumentException(text);
        return value;
    }

    private static Boolean parseBool(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                throw new IllegalArgumentException(text);
        }
    }

    private static UUID parseUuid(String text) {
        if (text.length() != 36) throw new IllegalArgumentException(text);
        return java.util.UUID.fromString(text);
    }
}
