package io.flumelab.core.interceptor;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reading the interceptors' settings, failing at the key at fault with a fix. */
final class Settings {

  private Settings() {}

  /** The key's regex, compiled; a syntax error names the key, the regex and what is wrong. */
  static Pattern regex(String key, String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      String where = e.getIndex() >= 0 ? " at index " + e.getIndex() : "";
      throw new ConfigurationException(key, "'" + regex + "' is not a valid regular expression: "
          + e.getDescription() + where,
          "Write a Java regular expression; in the properties file a backslash is doubled (\\\\d for \\d)");
    }
  }

  /** The key's regex, or the default's when the key is absent. */
  static Pattern regex(Context context, String key, String defaultRegex) {
    return regex(key, context.getString(key, defaultRegex));
  }

  /** A key that must be set to something other than blank. */
  static String required(Context context, String key, String what) {
    String value = context.getString(key);
    if (value == null || value.isEmpty()) {
      throw new ConfigurationException(key, (value == null ? "missing " : "empty ") + what + " '" + key + "'",
          "Add '" + key + " = <value>'");
    }
    return value;
  }

  static Charset charset(Context context, String key, Charset defaultCharset) {
    String name = context.getString(key);
    if (name == null) {
      return defaultCharset;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new ConfigurationException(key, "unknown charset '" + name + "'",
          "Name a charset this JVM supports, such as UTF-8, ISO-8859-1 or GBK");
    }
  }
}
