package dev.blueprint.lang.settings;

import java.time.Duration;

/** Writes base-unit amounts back the way a user would write them ({@code 30s}, {@code 1MB}). */
public final class Format {
    private Format() {}

    public static String base(Kind kind, long amount) {
        return switch (kind) {
            case DURATION -> duration(Duration.ofMillis(amount));
            case SIZE -> size(amount);
            case CPU -> amount % 1000 == 0 ? Long.toString(amount / 1000) : amount + "m";
            case PERCENT -> amount + "%";
            default -> Long.toString(amount);
        };
    }

    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        } else if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        } else if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        } else if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    /** The exact unit that gives the smallest number: 1MB, 512MiB, 1500KB. */
    public static String size(long bytes) {
        String best = bytes + "B";
        long bestAmount = bytes;
        String[] names = {"KB", "KiB", "MB", "MiB", "GB", "GiB"};
        long[] factors = {1_000L, 1L << 10, 1_000_000L, 1L << 20, 1_000_000_000L, 1L << 30};
        for (int i = 0; i < names.length; i++) {
            if (bytes != 0 && bytes % factors[i] == 0 && bytes / factors[i] < bestAmount) {
                bestAmount = bytes / factors[i];
                best = bestAmount + names[i];
            }
        }
        return best;
    }
}
