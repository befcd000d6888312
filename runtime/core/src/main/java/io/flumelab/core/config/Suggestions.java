package io.flumelab.core.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean ...?": the closest candidate by Damerau-Levenshtein distance, if close enough. */
final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate nearest to {@code input}, ignoring case, if its distance is at most a third of
   * its length (at least 1, at most 3): close enough to be a typo, far enough to avoid nonsense.
   * Ties go to the earlier candidate, so declaration order decides.
   */
  static Optional<String> closest(String input, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lowered = input.toLowerCase();
    for (String candidate : candidates) {
      if (candidate.equals(input)) {
        continue;
      }
      int distance = distance(lowered, candidate.toLowerCase());
      int allowed = Math.max(1, Math.min(3, candidate.length() / 3));
      if (distance <= allowed && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** "Did you mean 'x'?" or null. */
  static String didYouMean(String input, Collection<String> candidates) {
    return closest(input, candidates).map(c -> "Did you mean '" + c + "'?").orElse(null);
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
}
