package io.flumelab.core.config;

import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.ValueType;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warns about a comment written after a value ({@code selector.header = validation # the header}).
 * A properties file has comments on lines of their own only, so the whole text is the value: the
 * selector would read a header called {@code validation # the header}. Only a warning, since a
 * value may mean its {@code #}: what looks like a comment is a space, a {@code #}, then a space, a
 * letter or the end of the value ({@code room #5}, {@code a#b} and a leading {@code #} are left
 * alone), and regular expressions and regex replacements (where {@code #} can be literal, or a
 * comment of the regex itself) are not checked.
 */
final class InlineComments {

  private static final Pattern COMMENT = Pattern.compile("\\s#(?=\\s|$|\\p{L})");
  /** Values that are regex replacements, declared as strings: {@code search_replace}'s. */
  private static final Set<String> REPLACEMENT_KEYS = Set.of("replaceString");

  private final Set<String> regexKeys;

  private InlineComments(Set<String> regexKeys) {
    this.regexKeys = regexKeys;
  }

  /** Knows as regexes the keys of every known type's regex settings, under any of its spellings. */
  static InlineComments of(ComponentRegistry registry) {
    Set<String> regexKeys = new HashSet<>(REPLACEMENT_KEYS);
    for (ComponentKind kind : ComponentKind.values()) {
      for (ComponentSpec spec : registry.specs(kind)) {
        for (Setting<?> setting : spec.settings()) {
          if (setting.type() == ValueType.REGEX) {
            regexKeys.addAll(setting.spellings());
          }
        }
      }
    }
    return new InlineComments(regexKeys);
  }

  /** One warning per key of the agent whose value, as written, holds what looks like a comment. */
  void check(String text, String agentName, Findings findings) {
    String prefix = agentName + ".";
    for (Property property : PropertiesReader.read(text).entries()) {
      if (!property.key().startsWith(prefix) || isRegex(property.key())) {
        continue;
      }
      Matcher comment = COMMENT.matcher(property.value());
      if (!comment.find()) {
        continue;
      }
      String value = property.value().substring(0, comment.start()).strip();
      String rest = property.value().substring(comment.start()).strip();
      findings.warning(property.line(), property.key(), "the value is read as '"
          + property.value() + "' in full, '" + rest + "' included: a properties file has no "
          + "comments after a value, only on lines of their own",
          "Put the comment on a line of its own starting with #, and write '" + property.key()
              + " = " + value + "'. If the # belongs to the value, ignore this warning.");
    }
  }

  private boolean isRegex(String key) {
    return regexKeys.stream().anyMatch(regexKey -> key.endsWith("." + regexKey));
  }
}
