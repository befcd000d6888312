package io.flumelab.flume;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles plugin sources at test time, against the jars a plugin's authors built it with. */
final class TestCompiler {

  private TestCompiler() {}

  /**
   * Compiles {@code sources} (whole files; the class is named after its first
   * {@code public class}) for Java 8, as published plugins are, into {@code output}.
   */
  static void compile(Path output, List<Path> classPath, String... sources) throws IOException {
    List<String> files = new ArrayList<>();
    for (String source : sources) {
      String pkg = source.replaceAll("(?s)^\\s*package ([\\w.]+);.*", "$1");
      String name = source.replaceAll("(?s).*public class (\\w+).*", "$1");
      Path file = output.resolve("src").resolve(pkg.replace('.', '/')).resolve(name + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source);
      files.add(file.toString());
    }
    List<String> arguments = new ArrayList<>(List.of("--release", "8", "-nowarn", "-d",
        output.toString(), "-classpath",
        String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList())));
    arguments.addAll(files);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, arguments.toArray(new String[0])))
        .as("javac exit status").isZero();
  }

  /** The jar or directory {@code type} was loaded from. */
  static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
