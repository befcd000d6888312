package io.flumelab.core.spi;

import java.util.List;

/**
 * A component whose {@code configure()} accepted a configuration that works here but that Apache
 * Flume reads otherwise, or that probably does not do what was meant, in a way only several keys
 * together show: two sinks of a failover group with one priority. After {@code configure()},
 * {@code flume-ng check} and the agent report each flaw at the line of its key, as they report an
 * unknown key: an error by default, a warning with {@code --lenient}, where the component runs as
 * configured. A value that is wrong on its own is a {@link io.flumelab.api.ConfigurationException}
 * thrown by {@code configure()} instead.
 */
public interface ConfigurationFlaws {

  /**
   * @param key the key at fault, as the component reads it ({@code priority.k2})
   * @param message what is wrong, and what each reader of the file makes of it
   * @param fix how to write it instead
   */
  record Flaw(String key, String message, String fix) {}

  /** The flaws of the last configuration; empty when there are none. */
  List<Flaw> configurationFlaws();
}
