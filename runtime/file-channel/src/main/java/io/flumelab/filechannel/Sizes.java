package io.flumelab.filechannel;

import java.util.Locale;

/** Numbers as people read them: {@code 120 MB}, {@code 4.0 KB}, {@code 1 event}. */
final class Sizes {

  private Sizes() {}

  static String of(long bytes) {
    if (bytes < 1024) {
      return bytes + (bytes == 1 ? " byte" : " bytes");
    }
    String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (value >= 10 ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value)) + " " + units[unit];
  }

  /** {@code 1 event}, {@code 3 events}. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
