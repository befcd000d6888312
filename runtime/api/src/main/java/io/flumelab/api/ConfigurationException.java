package io.flumelab.api;

/**
 * A component's settings are wrong. Naming the offending key lets the runtime point at the line of
 * the configuration file that set it; the fix, when given, is shown to the user as is.
 */
public class ConfigurationException extends FlumeException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final String fix;

  public ConfigurationException(String message) {
    this(null, message, null);
  }

  public ConfigurationException(String key, String message, String fix) {
    super(message);
    this.key = key;
    this.fix = fix;
  }

  /** The key at fault, relative to the component (e.g. {@code port}), or null. */
  public String getKey() {
    return key;
  }

  /** A suggested fix, or null. */
  public String getFix() {
    return fix;
  }
}
