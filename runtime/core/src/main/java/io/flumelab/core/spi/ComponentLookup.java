package io.flumelab.core.spi;

/**
 * Creates classes that a built-in component names in its configuration (a load-balancing
 * processor's {@code selector}, a JDBC driver), searching the places the agent searches for
 * component types: its class path and plugins.d, in the plugins' own class loaders.
 */
public interface ComponentLookup {

  /**
   * A new instance of {@code className} as {@code api}: a FlumeLab class, or a foreign-API class
   * adapted to it. Throws a {@link io.flumelab.api.ConfigurationException} at {@code key} naming
   * the places searched and what the class implements when there is none.
   */
  <T> T create(Class<T> api, String className, String key);

  /**
   * A class loader that sees the agent's class path and every plugin's jars, for libraries a
   * built-in component takes from plugins.d (a JDBC driver in {@code libext}).
   */
  ClassLoader pluginLibraries();
}
