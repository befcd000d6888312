package io.flumelab.filechannel;

import java.util.Locale;

/** Byte counts as people read them: {@code 120 MB}, {@code 4.0 KB}, {@code 512 bytes}. */
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
}
