package io.flumelab.cluster;

import java.util.Locale;
import java.util.Optional;

/**
 * Settings read from system properties ({@code -Dflumelab.kafka.port=19092}) or, failing that, the
 * environment ({@code FLUMELAB_KAFKA_PORT=19092}).
 */
public final class Settings {

  private Settings() {}

  public static Optional<String> get(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public static int port(String key, int defaultPort) {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      return defaultPort;
    }
    try {
      int port = Integer.parseInt(value.get());
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ServiceException("Bad port '" + value.get() + "' in " + key,
        "set " + key + " to a number from 1 to 65535");
  }

  /** True when running in CI ({@code CI=true}), where no service may be skipped. */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
