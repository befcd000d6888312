package io.flumelab.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A {@code plugins.d} directory as a student ships custom components to an agent: one directory
 * per plugin with the plugin's own jar in {@code lib/} and the libraries it needs (a JDBC driver) in
 * {@code libext/}. An agent uses it with {@code --plugins-path <root>}.
 */
public final class PluginsDirectory {

  private final Path root;

  private PluginsDirectory(Path root) {
    this.root = root;
  }

  /** A plugins.d at {@code root}, created if missing. */
  public static PluginsDirectory at(Path root) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PluginsDirectory(root);
  }

  public Path root() {
    return root;
  }

  /** The option that points an agent at it. */
  public List<String> option() {
    return List.of("--plugins-path", root.toString());
  }

  /** Packs a directory of compiled classes (a lab's target/classes) as plugin/lib/NAME.jar. */
  public PluginsDirectory lib(String plugin, Path classes, String jarName) {
    Path jar = dir(plugin, "lib").resolve(jarName);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(classes)) {
      for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, out);
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot pack " + classes + " into " + jar, e);
    }
    return this;
  }

  /** Copies the jar that holds {@code type} (found on the test's classpath) into plugin/libext. */
  public PluginsDirectory libext(String plugin, Class<?> type) {
    Path jar;
    try {
      jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("Cannot tell which jar holds " + type.getName(), e);
    }
    try {
      Files.copy(jar, dir(plugin, "libext").resolve(jar.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy " + jar + " into " + root, e);
    }
    return this;
  }

  private Path dir(String plugin, String part) {
    try {
      return Files.createDirectories(root.resolve(plugin).resolve(part));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
