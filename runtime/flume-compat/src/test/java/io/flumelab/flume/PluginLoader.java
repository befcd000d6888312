package io.flumelab.flume;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * A stand-in for the agent's plugin class loaders: it defines the classes of one package prefix
 * itself (so they have a loader of their own, as a plugin's classes have) from class files it
 * reads, passing each through a rewrite hook; everything else comes from its parent.
 */
final class PluginLoader extends ClassLoader {

  private final String prefix;
  private final Source source;
  private final BiFunction<String, byte[], byte[]> rewrite;

  interface Source {
    /** The class file of {@code className}, or null. */
    byte[] read(String className) throws IOException;
  }

  private PluginLoader(String name, ClassLoader parent, String prefix, Source source,
      BiFunction<String, byte[], byte[]> rewrite) {
    super(name, parent);
    this.prefix = prefix;
    this.source = source;
    this.rewrite = rewrite;
  }

  /** Defines the test classes under {@code prefix} again, in a loader of their own. */
  static PluginLoader ofTestClasses(String prefix) {
    ClassLoader parent = PluginLoader.class.getClassLoader();
    return new PluginLoader("plugin:test", parent, prefix, className -> {
      try (InputStream in = parent.getResourceAsStream(className.replace('.', '/') + ".class")) {
        return in == null ? null : in.readAllBytes();
      }
    }, (name, bytes) -> null);
  }

  /** Defines the classes compiled into {@code directory}, rewritten by {@code rewrite}. */
  static PluginLoader ofDirectory(Path directory, String prefix,
      BiFunction<String, byte[], byte[]> rewrite) {
    return new PluginLoader("plugin:" + directory.getFileName(), PluginLoader.class.getClassLoader(),
        prefix, className -> {
          Path file = directory.resolve(className.replace('.', '/') + ".class");
          return Files.exists(file) ? Files.readAllBytes(file) : null;
        }, rewrite);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(prefix)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      return loaded != null ? loaded : findClass(name);
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes;
    try {
      bytes = source.read(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] rewritten = rewrite.apply(name, bytes);
    byte[] defined = rewritten != null ? rewritten : bytes;
    return defineClass(name, defined, 0, defined.length);
  }
}
