package io.flumelab.core.config;

import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.SubKeys;
import java.util.Map;
import java.util.Optional;

/** Checks the keys of one section against its spec: unknown, missing and malformed values. */
final class KeyChecker {

  private KeyChecker() {}

  /**
   * @param fallbackLine where to point when a required key is missing and the section has no line
   */
  static void check(Section section, ComponentSpec spec, ComponentRef subject, int fallbackLine,
      Findings findings) {
    String kind = spec.kind().label();
    for (String key : section.keys()) {
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
      Optional<Setting<?>> setting = spec.setting(key);
      if (setting.isEmpty()) {
        spec.subKeysOf(key).ifPresent(known -> checkSubKey(section, key, known, subject, findings));
        continue;
      }
      if (setting.get().deprecatedAliases().contains(key)) {
        warnDeprecated(section, key, setting.get(), findings);
      }
      setting.get().advice(section.value(key)).ifPresent(advice -> findings.warning(
          section.line(key), section.fullKey(key), advice.getMessage(), advice.fix()));
      Optional<Setting.Problem> problem = setting.flatMap(s -> s.problem(section.value(key)));
      if (problem.isEmpty()) {
        continue;
      }
      String message = problem.get().getMessage();
      if (setting.get().isLenient()) {
        // Flume reads anything but "true" as false; a flaw, not a reason to drop the component
        findings.flaw(subject, section.line(key), section.fullKey(key), message, problem.get().fix());
      } else {
        findings.invalid(subject, section.line(key), section.fullKey(key), message, problem.get().fix());
      }
    }
    for (Setting<?> required : spec.settings()) {
      if (!required.isRequired()) {
        continue;
      }
      String name = required.spellings().stream().filter(section::has).findFirst().orElse(required.key());
      String value = section.value(name);
      if (value == null || value.isBlank()) {
        int line = value == null ? section.lineOr(name) : section.line(name);
        findings.invalid(subject, line != 0 ? line : fallbackLine, section.fullKey(name),
            (value == null ? "missing required key '" : "empty required key '") + name
                + "' for " + kind + " type '" + spec.alias() + "'",
            "Add '" + section.fullKey(name) + " = " + required.example().orElse("<value>") + "'.");
      }
    }
  }

  /** An old spelling works, but the file should say today's key (which wins when both are set). */
  private static void warnDeprecated(Section section, String key, Setting<?> setting,
      Findings findings) {
    boolean both = section.has(setting.key());
    findings.warning(section.line(key), section.fullKey(key), "'" + key + "' is deprecated"
        + (both ? " and ignored, since '" + setting.key() + "' is set too"
            : "; it still sets '" + setting.key() + "'"),
        both ? "Remove '" + section.fullKey(key) + "'."
            : "Write '" + section.fullKey(setting.key()) + " = " + section.value(key).strip()
                + "' instead.");
  }

  /** A key passed on to a library: the library must know it and accept its value. */
  private static void checkSubKey(Section section, String key, Map.Entry<String, SubKeys> known,
      ComponentRef subject, Findings findings) {
    String prefix = known.getKey();
    String subKey = key.substring(prefix.length());
    if (!known.getValue().known().contains(subKey)) {
      String didYouMean = Suggestions.closest(subKey, known.getValue().known())
          .map(s -> "Did you mean '" + prefix + s + "'?").orElse("See the library's settings.");
      findings.flaw(subject, section.line(key), section.fullKey(key),
          "'" + subKey + "' is not a setting of what '" + prefix + "' configures", didYouMean);
      return;
    }
    known.getValue().problem(subKey, section.value(key)).ifPresent(problem ->
        findings.invalid(subject, section.line(key), section.fullKey(key), problem.getMessage(),
            problem.fix()));
  }
}
