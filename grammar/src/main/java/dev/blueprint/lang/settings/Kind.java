package dev.blueprint.lang.settings;

import java.util.List;

/** What kind of value a settings key takes. Units and their factors live here, and only here. */
public enum Kind {
    INT("a whole number", List.of()),
    DURATION("a duration", List.of("ms", "s", "m", "h", "d")),
    SIZE("a size", List.of("B", "KB", "MB", "GB", "KiB", "MiB", "GiB")),
    CPU("a CPU amount (cores, or millicores with m)", List.of("m")),
    PERCENT("a percentage", List.of("%")),
    BOOL("true or false", List.of()),
    STRING("a string", List.of()),
    STRING_LIST("a list of strings", List.of()),
    PATH("a path starting with '/'", List.of()),
    PACKAGE("a Java package name", List.of()),
    CHOICE("one of the names listed", List.of()),
    CHOICE_LIST("a list of the names listed", List.of()),
    STORE_LIST("a list of store names", List.of()),
    INT_RANGE("a range of whole numbers", List.of()),
    BLOCK("a block", List.of()),
    /** A block of entries named freely by the user, each a block of the key's {@link Key#block()} schema. */
    MAP("a block of named entries", List.of());

    private final String description;
    private final List<String> units;

    Kind(String description, List<String> units) {
        this.description = description;
        this.units = units;
    }

    public String description() {
        return description;
    }

    /** The units this kind accepts, for messages and completion. */
    public List<String> units() {
        return units;
    }

    /**
     * The factor that turns one {@code unit} into this kind's base unit (milliseconds, bytes,
     * millicores, percent), or 0 when the unit does not fit.
     */
    public long factor(String unit) {
        return switch (this) {
            case DURATION ->
                switch (unit) {
                    case "ms" -> 1;
                    case "s" -> 1_000;
                    case "m" -> 60_000;
                    case "h" -> 3_600_000;
                    case "d" -> 86_400_000;
                    default -> 0;
                };
            case SIZE ->
                switch (unit) {
                    case "B" -> 1;
                    case "KB" -> 1_000;
                    case "MB" -> 1_000_000;
                    case "GB" -> 1_000_000_000;
                    case "KiB" -> 1L << 10;
                    case "MiB" -> 1L << 20;
                    case "GiB" -> 1L << 30;
                    default -> 0;
                };
            case CPU -> "m".equals(unit) ? 1 : 0;
            case PERCENT -> "%".equals(unit) ? 1 : 0;
            default -> 0;
        };
    }
}
