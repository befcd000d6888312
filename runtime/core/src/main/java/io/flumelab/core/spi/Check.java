package io.flumelab.core.spi;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A rule a setting's parsed value must follow, written once for every component: at least, between,
 * one of, a port, a host name.
 *
 * @param doc how the component docs state the rule ("≥ 1", "one of: never, immediate")
 * @param holds whether a value follows the rule
 * @param problem what is wrong with a value that does not (no period)
 * @param fix what to write instead
 */
public record Check<T>(String doc, Predicate<T> holds, Function<T, String> problem, String fix) {

  public static <N extends Number> Check<N> atLeast(long min) {
    return new Check<>("≥ " + min, value -> value.longValue() >= min,
        value -> "must be " + min + " or more, not " + value,
        "Set it to " + min + " or more.");
  }

  public static <N extends Number> Check<N> between(long min, long max) {
    return new Check<>(min + "–" + max, value -> value.longValue() >= min && value.longValue() <= max,
        value -> "must be between " + min + " and " + max + ", not " + value,
        "Set it to a number from " + min + " to " + max + ".");
  }

  /** A TCP or UDP port; 0 lets the system pick a free one. */
  public static Check<Integer> port() {
    return new Check<>("port, 0–65535", value -> value >= 0 && value <= 65535,
        value -> value + " is not a port number (0 to 65535)",
        "Use a port from 1024 to 65535, such as 44444.");
  }

  /** A host name or address as written, not resolved: resolution waits until start. */
  public static Check<String> host() {
    return new Check<>("host name or address", value -> !value.isBlank() && !value.matches(".*\\s.*")
        && !value.contains("://") && !value.contains("/"),
        value -> "'" + value + "' is not a host name or address",
        "Write a host name or address such as localhost, hadoop102 or 0.0.0.0, without a scheme or port.");
  }

  /** One of a few words, ignoring case, as Flume compares them. */
  public static Check<String> oneOf(String... choices) {
    List<String> all = Arrays.asList(choices);
    return new Check<>("one of: " + String.join(", ", all),
        value -> all.stream().anyMatch(choice -> choice.equalsIgnoreCase(value.trim())),
        value -> "'" + value + "' is not one of " + String.join(", ", all),
        "Write one of: " + String.join(", ", all) + ".");
  }
}
