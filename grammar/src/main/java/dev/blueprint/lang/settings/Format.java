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

  public static String size(long bytes) {
    String[][] units = {{"GiB", "1073741824"}, {"MiB", "1048576"}, {"KiB", "1024"}, {"GB", "1000000000"},
        {"MB", "1000000"}, {"KB", "1000"}};
    for (String[] u : units) {
      long f = Long.parseLong(u[1]);
      if (bytes != 0 && bytes % f == 0) {
        return bytes / f + u[0];
      }
    }
    return bytes + "B";
  }
}
