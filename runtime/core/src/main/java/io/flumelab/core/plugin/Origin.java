package io.flumelab.core.plugin;

/**
 * Where a class was found, for messages and summaries.
 *
 * @param plugin the plugin directory's name, or null for the agent's class path
 * @param dir the plugin directory as messages name it, {@code plugins.d/sql-source}, or null
 * @param location the jar, as {@code plugins.d/sql-source/lib/sql-source.jar}, or the class-path
 *     entry
 */
public record Origin(String plugin, String dir, String location) {

  /** Whether the class came from plugins.d (not from the agent's class path). */
  public boolean inPlugin() {
    return plugin != null;
  }

  @Override
  public String toString() {
    return location;
  }
}
