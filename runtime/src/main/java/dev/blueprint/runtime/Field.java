package dev.blueprint.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One field of a request body: its JSON name, type and rules. Immutable; declare once as a constant and
 * {@link #read} it from each {@link JsonInput}. A failing read records the failure and returns null.
 *
 * @param <T> the field's Java type
 */
public final class Field<T> {

    /** Turns a JSON value into a {@code T}, or explains what was expected. */
    private interface Decoder<T> {
        T decode(JsonNode node) throws InvalidValue;
    }

    /** A rule on a decoded value; answers the failure message or null. */
    private interface Rule<T> {
        String check(T value);
    }

    private static final class InvalidValue extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidValue(String message) {
            super(message, null, false, false);
        }
    }

    private final String name;
    private final Decoder<T> decoder;
    private final boolean optional;
    private final Optional<T> fallback;
    private final List<Rule<T>> rules;

    private Field(String name, Decoder<T> decoder, boolean optional, Optional<T> fallback, List<Rule<T>> rules) {
        this.name = name;
        this.decoder = decoder;
        this.optional = optional;
        this.fallback = fallback;
        this.rules = List.copyOf(rules);
    }

    private static <T> Field<T> of(String name, Decoder<T> decoder) {
        return new Field<>(name, decoder, false, Optional.empty(), List.of());
    }

    /**
     * A {@code string(n)}: at most {@code maxLength} characters, counted in UTF-16 code units as H2 counts them (a
     * character beyond U+FFFF, such as an emoji, counts as two), with nothing a database cannot store ({@link
     * Storable#text}).
     */
    public static Field<String> string(String name, int maxLength) {
        String tooLong = "must be at most " + maxLength + " characters";
        String tooLongAstral = tooLong + " (a character beyond U+FFFF, such as an emoji, counts as two)";
        return of(name, Field::storableText).rule(s -> {
            if (s.length() <= maxLength) return null;
            return s.codePointCount(0, s.length()) > maxLength ? tooLong : tooLongAstral;
        });
    }

    /** A {@code text}: a string of any length, with nothing a database cannot store ({@link Storable#text}). */
    public static Field<String> text(String name) {
        return of(name, Field::storableText);
    }

    public static Field<Integer> integer(String name) {
        return of(name, node -> {
            BigDecimal value = integral(node);
            try {
                return value.intValueExact();
            } catch (ArithmeticException e) {
                throw new InvalidValue("must be a 32-bit integer");
            }
        });
    }

    public static Field<Long> longInteger(String name) {
        return of(name, node -> {
            BigDecimal value = integral(node);
            try {
                return value.longValueExact();
            } catch (ArithmeticException e) {
                throw new InvalidValue("must be a 64-bit integer");
            }
        });
    }

    /** A {@code decimal(precision, scale)}: at most {@code scale} decimals and {@code precision - scale} integer digits. */
    public static Field<BigDecimal> decimal(String name, int precision, int scale) {
        return of(name, Field::number).rule(value -> {
            if (!Storable.decimal(value)) return Storable.DIGITS;
            BigDecimal plain = value.stripTrailingZeros();
            if (plain.scale() > scale) return "must have at most " + scale + " decimal places";
            int integerDigits = plain.precision() - plain.scale();
            if (integerDigits > precision - scale)
                return "must have at most " + (precision - scale) + " digits before the point";
            return null;
        });
    }

    public static Field<Boolean> bool(String name) {
        return of(name, node -> {
            if (!node.isBoolean()) throw new InvalidValue("must be true or false");
            return node.booleanValue();
        });
    }

    public static Field<UUID> uuid(String name) {
        return of(
                name,
                node -> parsed(text(node), "must be a UUID", s -> {
                    if (s.length() != 36) throw new IllegalArgumentException(s);
                    return UUID.fromString(s);
                }));
    }

    /** A {@code timestamp}: an ISO-8601 instant such as {@code 2026-01-31T09:30:00Z}, in years 1 to 9999. */
    public static Field<Instant> timestamp(String name) {
        return of(
                        name,
                        node -> parsed(
                                text(node), "must be an ISO-8601 instant such as 2026-01-31T09:30:00Z", Instant::parse))
                .rule(value -> Storable.instant(value) ? null : Storable.INSTANT_RANGE);
    }

    /** A {@code date}: an ISO-8601 date such as {@code 2026-01-31}, in years 1 to 9999. */
    public static Field<LocalDate> date(String name) {
        return of(name, node -> parsed(text(node), "must be an ISO-8601 date such as 2026-01-31", LocalDate::parse))
                .rule(value -> Storable.date(value) ? null : Storable.DATE_RANGE);
    }

    /** An enum, by member name. */
    public static <E extends Enum<E>> Field<E> enumeration(String name, Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) names.add(constant.name());
        String expected = "must be one of " + String.join(", ", names);
        return of(name, node -> parsed(text(node), expected, s -> Enum.valueOf(type, s)));
    }

    /** The field may be absent or null. */
    public Field<T> optional() {
        return new Field<>(name, decoder, true, fallback, rules);
    }

    /** When absent (or null), the field takes {@code value}. */
    public Field<T> orElse(T value) {
        return new Field<>(name, decoder, optional, Optional.of(value), rules);
    }

    /** {@code @range(min..max)} on a number. */
    public Field<T> range(String min, String max) {
        BigDecimal low = new BigDecimal(min);
        BigDecimal high = new BigDecimal(max);
        return rule(value -> {
            BigDecimal number = value instanceof BigDecimal ? (BigDecimal) value : new BigDecimal(value.toString());
            return number.compareTo(low) < 0 || number.compareTo(high) > 0
                    ? "must be within " + min + ".." + max
                    : null;
        });
    }

    /** {@code @length(min..max)} on a string, in characters. */
    public Field<T> length(int min, int max) {
        return rule(value -> {
            int length = value.toString().codePointCount(0, value.toString().length());
            return length < min || length > max ? "must be " + min + " to " + max + " characters long" : null;
        });
    }

    /** {@code @pattern("regex")}: the whole string must match. */
    public Field<T> pattern(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return rule(value -> pattern.matcher(value.toString()).matches() ? null : "must match the pattern " + regex);
    }

    /** The JSON name. */
    public String name() {
        return name;
    }

    /** Reads this field; a failure is recorded in {@code input} (see {@link JsonInput#validate()}) and gives null. */
    public T read(JsonInput input) {
        JsonNode node = input.raw(name);
        if (node == null || node.isNull()) {
            if (fallback.isPresent()) return fallback.get();
            if (!optional) input.reject(name, "is required");
            return null;
        }
        T value;
        try {
            value = decoder.decode(node);
        } catch (InvalidValue e) {
            input.reject(name, e.getMessage());
            return null;
        }
        for (Rule<T> rule : rules) {
            String failure = rule.check(value);
            if (failure != null) {
                input.reject(name, failure);
                return null;
            }
        }
        return value;
    }

    private Field<T> rule(Rule<T> rule) {
        List<Rule<T>> more = new ArrayList<>(rules);
        more.add(rule);
        return new Field<>(name, decoder, optional, fallback, more);
    }

    private static String text(JsonNode node) throws InvalidValue {
        if (!node.isTextual()) throw new InvalidValue("must be a string");
        return node.textValue();
    }

    private static String storableText(JsonNode node) throws InvalidValue {
        String text = text(node);
        if (!Storable.text(text)) throw new InvalidValue(Storable.TEXT);
        return text;
    }

    private static BigDecimal number(JsonNode node) throws InvalidValue {
        if (!node.isNumber()) throw new InvalidValue("must be a number");
        return node.decimalValue();
    }

    private static BigDecimal integral(JsonNode node) throws InvalidValue {
        if (!node.isIntegralNumber()) {
            if (node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0) return node.decimalValue();
            throw new InvalidValue("must be an integer");
        }
        return node.decimalValue();
    }

    private static <T> T parsed(String text, String expected, Function<String, T> parser) throws InvalidValue {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidValue(expected);
        }
    }
}
