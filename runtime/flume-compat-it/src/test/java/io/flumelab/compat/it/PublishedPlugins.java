package io.flumelab.compat.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds the published plugins kept unchanged under src/test/plugins the way their authors did:
 * javac for Java 8 against one Apache Flume release's API jars and the plugin's own libraries,
 * then a jar, and lays it out in a plugins.d directory as a Flume user would ({@code <name>/lib}
 * for the jar, {@code <name>/libext} for its libraries).
 */
final class PublishedPlugins {

  /** This module's build directory, where Maven copied Flume's jars and the plugins' libraries. */
  static final Path TARGET = Path.of(System.getProperty("flumelab.test.target", "target"));
  /** The unchanged plugin sources. */
  static final Path SOURCES = Path.of(System.getProperty("flumelab.test.plugins",
      "src/test/plugins"));
  /** The launcher's Flume compatibility directory, the agents' flumelab.compat.path. */
  static final Path COMPAT = Path.of(System.getProperty("flumelab.test.compat",
      "../launcher/target/compat/flume"));

  /** A Flume release whose API jars a plugin is compiled against. */
  enum FlumeRelease {
    V1_7_0("flume-1.7"),
    V1_11_0("flume-1.11");

    private final String directory;

    FlumeRelease(String directory) {
      this.directory = directory;
    }

    /** Flume's API jars of this release, with Flume's Guava, slf4j and the log4j 1.2 API. */
    List<Path> apiJars() {
      return jarsIn(TARGET.resolve(directory));
    }
  }

  /** A published plugin: its directory under src/test/plugins and its libraries' directory. */
  enum Plugin {
    KEEDIO_SQL_SOURCE("keedio-flume-ng-sql-source", "sql-source"),
    ALICE_INFLUXDB_UDP_SINK("alice-o2-influxdb-udp-sink", null),
    JSON_BODY_TIMESTAMP_INTERCEPTOR("kyanagimoto-json-body-timestamp-interceptor",
        "json-timestamp");

    private final String sources;
    private final String libext;

    Plugin(String sources, String libext) {
      this.sources = sources;
      this.libext = libext;
    }

    /** The libraries it ships in libext (for the sql source, with the H2 driver). */
    List<Path> libraries() {
      return libext == null ? List.of() : jarsIn(TARGET.resolve("libext").resolve(libext));
    }
  }

  private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();

  private PublishedPlugins() {}

  /**
   * The plugin's jar compiled against {@code release}: built once per test JVM into
   * target/published-plugins.
   */
  static Path jar(Plugin plugin, FlumeRelease release) {
    return BUILT.computeIfAbsent(plugin + "@" + release, key -> build(plugin, release));
  }

  /**
   * Installs the plugin compiled against {@code release} as {@code root/name}: its jar in lib,
   * its libraries in libext. Returns the plugin's directory.
   */
  static Path install(Path root, String name, Plugin plugin, FlumeRelease release) {
    Path dir = root.resolve(name);
    try {
      Files.createDirectories(dir.resolve("lib"));
      Files.copy(jar(plugin, release), dir.resolve("lib").resolve(name + ".jar"),
          StandardCopyOption.REPLACE_EXISTING);
      if (!plugin.libraries().isEmpty()) {
        Files.createDirectories(dir.resolve("libext"));
        for (Path library : plugin.libraries()) {
          Files.copy(library, dir.resolve("libext").resolve(library.getFileName()),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  private static Path build(Plugin plugin, FlumeRelease release) {
    Path work = TARGET.resolve("published-plugins")
        .resolve(plugin.sources + "-" + release.directory);
    Path classes = work.resolve("classes");
    try {
      deleteRecursively(work);
      Files.createDirectories(classes);
      List<String> arguments = new ArrayList<>(List.of("--release", "8", "-encoding", "UTF-8",
          "-nowarn", "-Xlint:-options", "-proc:none", "-d", classes.toString(), "-classpath",
          classPath(release, plugin)));
      List<Path> sources;
      try (Stream<Path> files = Files.walk(SOURCES.resolve(plugin.sources).resolve("src"))) {
        sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      StringWriter output = new StringWriter();
      boolean compiled;
      try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, UTF_8)) {
        compiled = javac.getTask(output, files, null, arguments, null,
            files.getJavaFileObjectsFromPaths(sources)).call();
      }
      assertThat(compiled).as("javac of %s against %s:%n%s", plugin.sources, release, output)
          .isTrue();
      Path jar = work.resolve(plugin.sources + ".jar");
      writeJar(classes, jar);
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String classPath(FlumeRelease release, Plugin plugin) {
    List<String> entries = new ArrayList<>();
    release.apiJars().forEach(jar -> entries.add(jar.toString()));
    plugin.libraries().forEach(jar -> entries.add(jar.toString()));
    return String.join(File.pathSeparator, entries);
  }

  private static void writeJar(Path classes, Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, jarOut);
        jarOut.closeEntry();
      }
    }
  }

  static List<Path> jarsIn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
      assertThat(jars).as("jars in %s (copied by the build)", dir).isNotEmpty();
      return jars;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
