package io.flumelab.core.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks the keys of one section against its spec: unknown, missing and malformed values. */
final class KeyChecker {

  private static final Pattern SUFFIXED = Pattern.compile("(\\d+)([kKmMgG])[bB]?");

  private KeyChecker() {}

  /**
   * @param fallbackLine where to point when a required key is missing and the section has no line
   */
  static void check(Section section, ComponentSpec spec, ComponentRef subject, int fallbackLine,
      Findings findings) {
    String kind = spec.kind().label();
    for (String key : section.keys()) {
      String value = section.value(key);
      if (!spec.accepts(key)) {
        String didYouMean = Suggestions.didYouMean(key, spec.suggestable());
        findings.flaw(subject, section.line(key), section.fullKey(key),
            "unknown key '" + key + "' for " + kind + " type '" + spec.alias() + "'",
            didYouMean != null ? didYouMean : "Known keys: " + String.join(", ", spec.suggestable()) + ".");
        continue;
      }
      if (findings.hasProblemAt(section.fullKey(key))) {
        continue; // e.g. an undefined variable: its literal value is no news
      }
      KeyType type = spec.keys().get(key);
      String wrong = type == null ? null : type.check(value);
      if (wrong == null) {
        continue;
      }
      if (type == KeyType.BOOLEAN) {
        // Flume reads anything but "true" as false; a flaw, not a reason to drop the component
        findings.flaw(subject, section.line(key), section.fullKey(key), wrong, "Write true or false.");
      } else {
        findings.invalid(subject, section.line(key), section.fullKey(key), wrong, numberFix(value));
      }
    }
    for (String required : spec.requiredKeys()) {
      String value = section.value(required);
      if (value == null || value.isBlank()) {
        int line = value == null ? section.lineOr(required) : section.line(required);
        findings.invalid(subject, line != 0 ? line : fallbackLine, section.fullKey(required),
            (value == null ? "missing required key '" : "empty required key '") + required
                + "' for " + kind + " type '" + spec.alias() + "'",
            "Add '" + section.fullKey(required) + " = <value>'.");
      }
    }
  }

  private static String numberFix(String value) {
    Matcher m = SUFFIXED.matcher(value.trim());
    if (m.matches()) {
      long factor = switch (Character.toLowerCase(m.group(2).charAt(0))) {
        case 'k' -> 1_000L;
        case 'm' -> 1_000_000L;
        default -> 1_000_000_000L;
      };
      return "Units are not understood; write it in full: " + Long.parseLong(m.group(1)) * factor + ".";
    }
    return "Write a plain number.";
  }
}
