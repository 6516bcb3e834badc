package dev.blueprint.runtime;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What both store engines (H2 and PostgreSQL) keep exactly as given, checked before a value from a request is written
 * or compared, so that a value neither can take is the client's 4xx naming the field, never the database's refusal
 * (a 500) nor a silent change (PostgreSQL stores an instant before 4713 BC as {@code -infinity}).
 *
 * <ul>
 *   <li>text: no NUL character (PostgreSQL refuses it) and no unpaired surrogate (it has no UTF-8 form);
 *   <li>instants and dates: years 1 to 9999, the range ISO-8601 writes without a sign and both engines store;
 *   <li>decimals: at most {@value #MAX_DIGITS} digits before and after the point (an exponent such as
 *       {@code 1e2147483648} is refused, not expanded).
 * </ul>
 *
 * <p>A {@code string(n)} column holds {@code n} UTF-16 code units on H2 and {@code n} code points on PostgreSQL;
 * {@link Field#string} checks the stricter, UTF-16 count.
 */
final class Storable {

    static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");
    static final LocalDate FIRST_DATE = LocalDate.of(1, 1, 1);
    static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);
    static final int MAX_DIGITS = 1000;

    static final String TEXT = "must not contain a NUL character or an unpaired surrogate";
    static final String INSTANT_RANGE = "must be within 0001-01-01T00:00:00Z..9999-12-31T23:59:59.999999999Z";
    static final String DATE_RANGE = "must be within 0001-01-01..9999-12-31";
    static final String DIGITS = "must have at most " + MAX_DIGITS + " digits before and after the point";

    private Storable() {}

    /** Whether both engines store {@code text} as it is. */
    static boolean text(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == 0) return false;
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == n || !Character.isLowSurrogate(text.charAt(i + 1)))
                    return false;
                i++;
            }
        }
        return true;
    }

    static boolean instant(Instant value) {
        return value.compareTo(FIRST_INSTANT) >= 0 && value.compareTo(LAST_INSTANT) <= 0;
    }

    static boolean date(LocalDate value) {
        return value.compareTo(FIRST_DATE) >= 0 && value.compareTo(LAST_DATE) <= 0;
    }

    /** Whether {@code value} has at most {@link #MAX_DIGITS} digits before and after the point. */
    static boolean decimal(BigDecimal value) {
        int scale = value.scale();
        return scale <= MAX_DIGITS && (long) value.precision() - scale <= MAX_DIGITS;
    }
}
