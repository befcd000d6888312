package io.flumelab.core.plugin;

import io.flumelab.core.spi.ForeignApi;
import java.nio.file.Path;
import java.util.List;

/**
 * One plugin directory and its class loader.
 *
 * @param label how messages name the directory: {@code plugins.d/sql-source}
 * @param foreign the foreign API its {@code lib/} classes are written against, or null
 */
record Plugin(String name, String label, List<Path> lib, List<Path> libext, Path nativeDir,
    PluginClassLoader loader, ForeignApi foreign) {

  Plugin {
    lib = List.copyOf(lib);
    libext = List.copyOf(libext);
  }

  /** Where in this plugin's jars a class file is, or null if none holds it. */
  Origin originOf(String resource) {
    java.net.URL url = loader.findResource(resource);
    if (url == null) {
      return null;
    }
    String text = url.toString();
    for (Path jar : lib) {
      if (holds(text, jar)) {
        return new Origin(name, label, label + "/lib/" + jar.getFileName());
      }
    }
    for (Path jar : libext) {
      if (holds(text, jar)) {
        return new Origin(name, label, label + "/libext/" + jar.getFileName());
      }
    }
    return new Origin(name, label, label);
  }

  private static boolean holds(String resourceUrl, Path jar) {
    try {
      return resourceUrl.startsWith("jar:" + jar.toUri().toURL() + "!/");
    } catch (java.net.MalformedURLException e) {
      return false;
    }
  }

  /** The jars searched, for a message: lib's by name, libext's as a count when there are many. */
  List<String> searched() {
    List<String> searched = new java.util.ArrayList<>();
    lib.forEach(jar -> searched.add(label + "/lib/" + jar.getFileName()));
    if (libext.size() > 3) {
      searched.add(label + "/libext/ (" + libext.size() + " jars)");
    } else {
      libext.forEach(jar -> searched.add(label + "/libext/" + jar.getFileName()));
    }
    return searched;
  }
}
