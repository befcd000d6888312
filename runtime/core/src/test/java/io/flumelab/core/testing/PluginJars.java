package io.flumelab.core.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars at test time: Java sources compiled with the JDK's compiler against the
 * test's class path (FlumeLab's API among it) and any jars given, packed into a jar in a
 * plugins.d layout, so the tests load real jars through real class loaders.
 */
public final class PluginJars {

  private PluginJars() {}

  /** The class files of {@code sources} (class name → source), by jar entry name. */
  public static Map<String, byte[]> compile(Map<String, String> sources, List<Path> classpath) {
    try {
      Path src = Files.createTempDirectory("plugin-src");
      Path out = Files.createTempDirectory("plugin-classes");
      List<File> files = new ArrayList<>();
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        files.add(file.toFile());
      }
      List<String> cp = new ArrayList<>(List.of(System.getProperty("java.class.path")
          .split(File.pathSeparator)));
      classpath.forEach(p -> cp.add(p.toString()));
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      StringWriter errors = new StringWriter();
      try (StandardJavaFileManager manager = compiler.getStandardFileManager(null, null,
          StandardCharsets.UTF_8)) {
        Iterable<? extends JavaFileObject> units = manager.getJavaFileObjectsFromFiles(files);
        boolean ok = compiler.getTask(errors, manager, null, List.of("-d", out.toString(),
            "-classpath", String.join(File.pathSeparator, cp), "--release", "17",
            "-proc:none"), null, units).call();
        if (!ok) {
          throw new IllegalStateException("Plugin sources do not compile:\n" + errors);
        }
      }
      Map<String, byte[]> classes = new LinkedHashMap<>();
      try (Stream<Path> walk = Files.walk(out)) {
        for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
          classes.put(out.relativize(file).toString().replace(File.separatorChar, '/'),
              Files.readAllBytes(file));
        }
      }
      return classes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a jar of these entries (name → bytes), creating its directory. */
  public static Path write(Path jar, Map<String, byte[]> entries) {
    try {
      Files.createDirectories(jar.getParent());
      try (OutputStream file = Files.newOutputStream(jar);
          JarOutputStream out = new JarOutputStream(file)) {
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
          out.putNextEntry(new JarEntry(entry.getKey()));
          out.write(entry.getValue());
          out.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles {@code sources} against the test's class path and {@code classpath} into {@code jar}. */
  public static Path jar(Path jar, Map<String, String> sources, Path... classpath) {
    return write(jar, compile(sources, List.of(classpath)));
  }

  /** The same, with text files (service registrations, say) added as entries. */
  public static Path jar(Path jar, Map<String, String> sources, Map<String, String> resources,
      Path... classpath) {
    Map<String, byte[]> entries = new LinkedHashMap<>(compile(sources, List.of(classpath)));
    resources.forEach((name, text) -> entries.put(name, text.getBytes(StandardCharsets.UTF_8)));
    return write(jar, entries);
  }
}
