package dev.blueprint.lang.settings;

import java.util.List;

/**
 * One settings key: its kind, bounds (in the kind's base unit: milliseconds, bytes,
 * millicores, percent), the names it accepts for {@link Kind#CHOICE}, whether {@code env(…)}
 * and {@code off} are allowed, its default as shown to users, and a one-line doc.
 */
public record Key(
        String name,
        Kind kind,
        Long min,
        Long max,
        List<String> choices,
        boolean envAllowed,
        boolean offAllowed,
        String defaultText,
        String doc,
        BlockSchema block) {

    public Key {
        choices = List.copyOf(choices);
    }

    /** How the accepted values read in messages: "a duration (ms, s, m, h, d)". */
    public String expectation() {
        StringBuilder s = new StringBuilder(kind.description());
        if (kind == Kind.CHOICE) {
            s = new StringBuilder("one of " + String.join(", ", choices));
        } else if (kind == Kind.CHOICE_LIST) {
            s = new StringBuilder("a list of " + String.join(", ", choices));
        } else if (!kind.units().isEmpty() && kind != Kind.CPU) {
            s.append(" (").append(String.join(", ", kind.units())).append(')');
        }
        if (offAllowed) {
            s.append(" or off");
        }
        if (envAllowed) {
            s.append(" or env(\"NAME\")");
        }
        return s.toString();
    }

    /** Bounds as written by users, for hover and messages: "1..65535", "at least 1". */
    public String boundsText() {
        if (min == null && max == null) {
            return "";
        }
        String lo = min == null ? null : Format.base(kind, min);
        String hi = max == null ? null : Format.base(kind, max);
        if (lo != null && hi != null) {
            return lo + ".." + hi;
        }
        return lo != null ? "at least " + lo : "at most " + hi;
    }
}
