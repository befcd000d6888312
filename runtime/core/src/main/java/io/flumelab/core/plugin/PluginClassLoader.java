package io.flumelab.core.plugin;

import io.flumelab.core.spi.ForeignApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.util.List;
import java.util.jar.Manifest;

/**
 * The classes of one plugin directory ({@code lib/} then {@code libext/}, each jar in name order),
 * or of one foreign API's compatibility jars, or of a class-path root that holds classes written
 * against a foreign API. Parent-first, as Java's loaders are: what the parent shows wins over a
 * copy in the plugin's jars. Named ({@code plugin:sql-source}) so stack traces say where a class
 * came from.
 */
final class PluginClassLoader extends URLClassLoader {

  static {
    registerAsParallelCapable();
  }

  /** Where a plugin loader looks last for a class its parents and jars lack: other plugins. */
  interface LastResort {
    Class<?> find(PluginClassLoader asking, String className);
  }

  private final String label;
  private final Path nativeDir;
  private final ForeignApi rewriter;
  private final LastResort lastResort;
  private volatile boolean closed;

  /**
   * @param label how messages name it: "plugin sql-source"
   * @param nativeDir the plugin's {@code native/}, or null
   * @param rewriter the foreign API whose {@link ForeignApi#rewrite} sees each class first, or null
   * @param lastResort asked for classes found nowhere else, or null
   */
  PluginClassLoader(String name, String label, List<Path> jars, ClassLoader parent, Path nativeDir,
      ForeignApi rewriter, LastResort lastResort) {
    super(name, urls(jars), parent);
    this.label = label;
    this.nativeDir = nativeDir;
    this.rewriter = rewriter;
    this.lastResort = lastResort;
  }

  private static URL[] urls(List<Path> jars) {
    return jars.stream().map(jar -> {
      try {
        return jar.toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("No URL for " + jar, e);
      }
    }).toArray(URL[]::new);
  }

  /** "plugin sql-source", "the compatibility jars of flume": for messages. */
  String label() {
    return label;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    try {
      return findOwnClass(name);
    } catch (ClassNotFoundException e) {
      Class<?> elsewhere = lastResort == null ? null : lastResort.find(this, name);
      if (elsewhere == null) {
        throw e;
      }
      return elsewhere;
    }
  }

  /** A class of this loader's own jars, for another plugin's last resort; null if it has none. */
  Class<?> loadOwn(String name) {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded != null) {
        return loaded;
      }
      if (findResource(name.replace('.', '/') + ".class") == null) {
        return null;
      }
      try {
        return findOwnClass(name);
      } catch (ClassNotFoundException e) {
        return null;
      }
    }
  }

  private Class<?> findOwnClass(String name) throws ClassNotFoundException {
    if (rewriter != null) {
      URL url = findResource(name.replace('.', '/') + ".class");
      if (url != null) {
        byte[] rewritten = rewriter.rewrite(name, read(url));
        if (rewritten != null) {
          return defineRewritten(name, url, rewritten);
        }
      }
    }
    return super.findClass(name);
  }

  /** Defines rewritten bytes as URLClassLoader defines a class: its jar's code source and package. */
  private Class<?> defineRewritten(String name, URL url, byte[] bytes) {
    URL base = baseOf(url);
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      String pkg = name.substring(0, dot);
      if (getDefinedPackage(pkg) == null) {
        Manifest manifest = manifestOf(url);
        try {
          if (manifest != null) {
            definePackage(pkg, manifest, base);
          } else {
            definePackage(pkg, null, null, null, null, null, null, null);
          }
        } catch (IllegalArgumentException raced) {
          // defined meanwhile by another thread loading a class of the same package
        }
      }
    }
    return defineClass(name, bytes, 0, bytes.length, new CodeSource(base, (CodeSigner[]) null));
  }

  private URL baseOf(URL resource) {
    String text = resource.toString();
    for (URL base : getURLs()) {
      if (text.startsWith("jar:" + base + "!/") || text.startsWith(base.toString())) {
        return base;
      }
    }
    return resource;
  }

  private static Manifest manifestOf(URL resource) {
    try {
      URLConnection connection = resource.openConnection();
      return connection instanceof JarURLConnection jar ? jar.getManifest() : null;
    } catch (IOException e) {
      return null;
    }
  }

  static byte[] read(URL url) {
    try {
      URLConnection connection = url.openConnection();
      connection.setUseCaches(false); // a cached JarFile would stay open after close()
      try (InputStream in = connection.getInputStream()) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + url, e);
    }
  }

  /** A library of the plugin's {@code native/} first; else the JVM searches java.library.path. */
  @Override
  protected String findLibrary(String libname) {
    if (nativeDir != null) {
      Path library = nativeDir.resolve(System.mapLibraryName(libname));
      if (Files.isRegularFile(library)) {
        return library.toAbsolutePath().toString();
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    super.close();
  }

  @Override
  public String toString() {
    return getName();
  }
}
