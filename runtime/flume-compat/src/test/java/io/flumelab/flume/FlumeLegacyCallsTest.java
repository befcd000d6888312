package io.flumelab.flume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableMap;
import io.flumelab.flume.fixtures.Mysource2;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.flume.Context;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin compiled against Apache Flume 1.7.0 (compiled here, at test time, against the real
 * 1.7.0 jar) calls {@code Context.getSubProperties}, whose return type was Guava's ImmutableMap up
 * to 1.9: on Flume 1.11's classes it links only when rewritten.
 */
class FlumeLegacyCallsTest {

  private static final String PLUGIN = "legacy.HibernateSettings";
  private static final String SOURCE = """
      package legacy;

      import java.util.Map;
      import org.apache.flume.Context;

      public class HibernateSettings {
        public static Map<String, String> hibernate(Context context) {
          Map<String, String> properties = context.getSubProperties("hibernate.");
          return properties;
        }

        public static Map<String, String> all(Context context) {
          return context.getParameters();
        }
      }
      """;

  @TempDir
  static Path classes;

  @BeforeAll
  static void compileAgainstFlume17() throws Exception {
    Path flume17 = Path.of(System.getProperty("flumelab.test.flume17", "target/flume-1.7"));
    Path configuration = flume17.resolve("flume-ng-configuration-1.7.0.jar");
    assertThat(configuration).as("copied by the build (maven-dependency-plugin)").exists();
    Path guava = Path.of(ImmutableMap.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path source = classes.resolve("src/legacy/HibernateSettings.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, SOURCE);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "--release", "8", "-nowarn", "-d", classes.toString(),
        "-classpath", configuration + java.io.File.pathSeparator + guava, source.toString());
    assertThat(status).as("javac exit status").isZero();
  }

  @Test
  void rewrittenTheOldCallsReturnAnImmutableMap() throws Exception {
    Class<?> plugin = PluginLoader.ofDirectory(classes, "legacy.", Wiring.API::rewrite)
        .loadClass(PLUGIN);
    Context context = new Context(Map.of("hibernate.connection.url", "jdbc:h2:mem:x",
        "hibernate.dialect", "H2", "table", "t"));

    Object hibernate = plugin.getMethod("hibernate", Context.class).invoke(null, context);
    Object all = plugin.getMethod("all", Context.class).invoke(null, context);

    assertThat(hibernate).isInstanceOf(ImmutableMap.class)
        .isEqualTo(Map.of("connection.url", "jdbc:h2:mem:x", "dialect", "H2"));
    assertThat(all).isInstanceOf(ImmutableMap.class).isEqualTo(context.getParameters());
  }

  @Test
  void notRewrittenTheOldCallIsANoSuchMethodErrorOnFlume111() throws Exception {
    Class<?> plugin = PluginLoader.ofDirectory(classes, "legacy.", (name, bytes) -> null)
        .loadClass(PLUGIN);
    Method hibernate = plugin.getMethod("hibernate", Context.class);

    assertThatThrownBy(() -> hibernate.invoke(null, new Context()))
        .isInstanceOf(InvocationTargetException.class)
        .cause().isInstanceOf(NoSuchMethodError.class)
        .hasMessageContaining("getSubProperties");
  }

  @Test
  void classesWithoutTheOldCallsAreLeftAsTheyAre() throws Exception {
    byte[] current = classFile(Mysource2.class); // names Context, compiled against 1.11
    byte[] unrelated = classFile(List.class);

    assertThat(FlumeLegacyCalls.mayCallLegacy(current)).isFalse();
    assertThat(FlumeLegacyCalls.mayCallLegacy(unrelated)).isFalse();
    assertThat(Wiring.API.rewrite(Mysource2.class.getName(), current)).isNull();
    byte[] legacy = Files.readAllBytes(classes.resolve("legacy/HibernateSettings.class"));
    assertThat(FlumeLegacyCalls.mayCallLegacy(legacy)).isTrue();
    assertThat(Wiring.API.rewrite(PLUGIN, legacy)).isNotNull().isNotEqualTo(legacy);
  }

  /** The JVM, not the rewrite, tells the user about a class file newer than it runs. */
  @Test
  void aClassFileTooNewToReadIsLeftToTheJvm() throws Exception {
    byte[] future = Files.readAllBytes(classes.resolve("legacy/HibernateSettings.class"));
    future[6] = 0;
    future[7] = 99; // class file major version 99

    assertThat(Wiring.API.rewrite(PLUGIN, future)).isNull();
  }

  private static byte[] classFile(Class<?> type) throws Exception {
    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
      return in.readAllBytes();
    }
  }
}
