package dev.blueprint.lang.check;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean": the closest candidate within a small edit distance. */
public final class Suggest {
    private Suggest() {}

    public static Optional<String> closest(String word, Collection<String> candidates) {
        if (word.isEmpty()) {
            return Optional.empty(); // an empty string (a role "") resembles nothing
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = word.length() <= 3 ? 1 : word.length() <= 6 ? 2 : 3;
        for (String c : candidates) {
            if (c.equals(word) || c.isEmpty()) {
                continue;
            }
            int d = c.equalsIgnoreCase(word) ? 0 : distance(word.toLowerCase(), c.toLowerCase());
            boolean plausible = d <= 1
                    || word.length() > 6
                    || Character.toLowerCase(c.charAt(0)) == Character.toLowerCase(word.charAt(0));
            if (d <= limit && plausible && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The message suffix for a suggestion: "; did you mean 'Customer'?" or nothing. */
    public static String didYouMean(Optional<String> suggestion) {
        return suggestion.map(s -> "; did you mean '" + s + "'?").orElse("");
    }
}
