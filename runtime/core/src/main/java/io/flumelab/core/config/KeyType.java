package io.flumelab.core.config;

import java.util.Locale;

/** The form a key's value must have, checked before any component sees it. */
public enum KeyType {
  STRING, INTEGER, LONG, DOUBLE, BOOLEAN;

  /** Null if the value fits, otherwise what is wrong with it (no period). */
  String check(String value) {
    String v = value.trim();
    try {
      switch (this) {
        case INTEGER -> Integer.parseInt(v);
        case LONG -> Long.parseLong(v);
        case DOUBLE -> Double.parseDouble(v);
        case BOOLEAN -> {
          String lower = v.toLowerCase(Locale.ROOT);
          if (!lower.equals("true") && !lower.equals("false")) {
            return "'" + value + "' is not true or false";
          }
        }
        default -> { }
      }
      return null;
    } catch (NumberFormatException e) {
      if (v.matches("[-+]?\\d+")) {
        return "'" + value + "' is out of range for " + (this == INTEGER ? "an int" : "a long");
      }
      return "'" + value + "' is not " + (this == DOUBLE ? "a number" : "a whole number");
    }
  }
}
