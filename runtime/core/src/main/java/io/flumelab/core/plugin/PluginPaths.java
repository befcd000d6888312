package io.flumelab.core.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where an agent's plugins are: the plugin roots (each holding {@code <name>/lib}, {@code libext},
 * {@code native}) and the directory of a foreign API's compatibility jars, as {@code bin/flume-ng}
 * passes them in system properties.
 *
 * @param roots the directories of {@value #PLUGINS_PATH}, in order
 * @param compatDir the directory of {@value #COMPAT_PATH}, or null
 */
public record PluginPaths(List<Path> roots, Path compatDir) {

  /** The plugin roots, separated by ':' ({@code $FLUMELAB_HOME/plugins.d} or --plugins-path). */
  public static final String PLUGINS_PATH = "flumelab.plugins.path";
  /** The directory of the jars of a foreign plugin API and its adapters. */
  public static final String COMPAT_PATH = "flumelab.compat.path";

  public PluginPaths {
    roots = List.copyOf(roots);
  }

  /** No plugins.d and no foreign API: component classes come from the class path only. */
  public static PluginPaths none() {
    return new PluginPaths(List.of(), null);
  }

  /** The paths the system properties give; unset properties mean none. */
  public static PluginPaths fromSystemProperties(Map<String, String> properties) {
    List<Path> roots = new ArrayList<>();
    String path = properties.get(PLUGINS_PATH);
    if (path != null) {
      for (String root : path.split(":")) {
        if (!root.isBlank()) {
          roots.add(Path.of(root.trim()));
        }
      }
    }
    String compat = properties.get(COMPAT_PATH);
    return new PluginPaths(roots, compat == null || compat.isBlank() ? null : Path.of(compat.trim()));
  }
}
