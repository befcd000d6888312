package io.flumelab.core.config;

import io.flumelab.api.ConfigurationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a component throws while being created or configured into a problem at the line of
 * the key at fault: the key a {@link ConfigurationException} names, or the key whose value a
 * {@link NumberFormatException} quotes; otherwise the component's type line.
 */
final class ComponentErrors {

  private static final Pattern QUOTED = Pattern.compile("\"(.*)\"");
  /** Where a message's advice starts: a period, a space and a capital letter. */
  private static final Pattern ADVICE = Pattern.compile("\\. (?=\\p{Lu})");

  private ComponentErrors() {}

  static void report(Findings findings, ComponentRef subject, Section section, int fallbackLine,
      Throwable error) {
    String agent = section.prefix().substring(0, section.prefix().indexOf('.'));
    if (error instanceof ConfigurationException ce && ce.getKey() != null) {
      int line = section.lineOr(ce.getKey());
      findings.invalid(subject, line != 0 ? line : fallbackLine, section.fullKey(ce.getKey()),
          named(sentence(ce.getMessage()), agent), named(fix(ce.getFix()), agent));
      return;
    }
    if (error instanceof NumberFormatException) {
      String key = keyWithQuotedValue(section, error.getMessage());
      if (key != null) {
        findings.invalid(subject, section.line(key), section.fullKey(key),
            "'" + section.value(key) + "' is not a number", "Write a plain number.");
        return;
      }
    }
    int line = section.lineOr("type");
    String message = error instanceof RuntimeException && !(error instanceof NullPointerException)
        && error.getMessage() != null
        ? error.getMessage().strip()
        : "failed with " + error;
    String fix = error instanceof ConfigurationException ce ? fix(ce.getFix()) : null;
    Matcher advice = ADVICE.matcher(message);
    if (fix == null && advice.find()) {
      // "X is wrong. Do Y": the report keeps the message and the fix apart, as for our own problems
      fix = fix(message.substring(advice.start() + 2));
      message = message.substring(0, advice.start());
    }
    findings.invalid(subject, line != 0 ? line : fallbackLine, section.name(),
        named(sentence(message), agent), named(fix, agent));
  }

  /**
   * Components do not know their agent's name, so their messages write {@code <agent>.sources.r1}
   * for a key; the report names the agent.
   */
  private static String named(String text, String agent) {
    return text == null ? null : text.replace("<agent>.", agent + ".");
  }

  /** The key whose value {@code For input string: "1k"} quotes, or null. */
  private static String keyWithQuotedValue(Section section, String message) {
    Matcher m = QUOTED.matcher(message == null ? "" : message);
    if (!m.find()) {
      return null;
    }
    for (String key : section.keys()) {
      if (section.value(key).trim().equals(m.group(1).trim())) {
        return key;
      }
    }
    return null;
  }

  /** A component's fix as a whole sentence: the report reads "message. Fix." */
  private static String fix(String fix) {
    if (fix == null || fix.isBlank()) {
      return null;
    }
    String s = fix.strip();
    return s.endsWith(".") || s.endsWith("?") || s.endsWith("!") ? s : s + ".";
  }

  /** A component's message in the report's style: no final period, lower-case first word. */
  static String sentence(String message) {
    String s = message.strip();
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
      s = Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }
}
