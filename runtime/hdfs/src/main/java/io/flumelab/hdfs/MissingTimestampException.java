package io.flumelab.hdfs;

import io.flumelab.api.FlumeException;

/**
 * An event reached a pattern with time escapes without a usable {@code timestamp} header. The
 * message names the pattern and the two fixes, so the user can act on it from the log alone.
 */
public final class MissingTimestampException extends FlumeException {

  private static final long serialVersionUID = 1L;

  private static final int MAX_SHOWN = 40;

  private final String key;
  private final String pattern;

  /**
   * @param key the pattern's config key, e.g. {@code hdfs.path}
   * @param pattern the pattern as configured
   * @param value the event's {@code timestamp} header, or null when it has none
   */
  MissingTimestampException(String key, String pattern, String value) {
    super(key + " = " + pattern + " has time escapes, but the event's \"timestamp\" header "
        + (value == null ? "is missing" : "is \"" + shorten(value) + "\", not epoch milliseconds")
        + ". Add a timestamp interceptor to the source, or set hdfs.useLocalTimeStamp = true.");
    this.key = key;
    this.pattern = pattern;
  }

  /** The config key of the pattern, e.g. {@code hdfs.path}. */
  public String key() {
    return key;
  }

  /** The pattern as configured. */
  public String pattern() {
    return pattern;
  }

  private static String shorten(String value) {
    return value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "...";
  }
}
