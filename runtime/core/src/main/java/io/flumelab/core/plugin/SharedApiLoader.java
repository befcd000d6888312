package io.flumelab.core.plugin;

import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * What every plugin sees of the agent: the JDK, FlumeLab's plugin API and spi, the slf4j and
 * Log4j 2 APIs (so a plugin logs into the agent's log); the spi holds the interfaces built-in
 * components let a configuration name an implementation of (an http source's handler). The rest
 * of the agent's class path (Netty, Jackson, Kafka, the core's internals) stays invisible, so a
 * plugin brings the libraries it needs in its own jars, in the versions it wants.
 */
final class SharedApiLoader extends ClassLoader {

  static {
    registerAsParallelCapable();
  }

  static final List<String> SHARED_PACKAGES = List.of("io.flumelab.api.", "io.flumelab.core.spi.",
      "org.slf4j.", "org.apache.logging.log4j.");

  private final ClassLoader agent;

  SharedApiLoader(ClassLoader agent) {
    super("flumelab-api", ClassLoader.getPlatformClassLoader());
    this.agent = agent;
  }

  static boolean shared(String className) {
    return SHARED_PACKAGES.stream().anyMatch(className::startsWith);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (shared(name)) {
      return agent.loadClass(name);
    }
    return super.loadClass(name, resolve); // the JDK's, through the platform loader
  }

  @Override
  protected URL findResource(String name) {
    return null; // the agent's resources (its META-INF/services among them) stay its own
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    return Collections.emptyEnumeration();
  }
}
