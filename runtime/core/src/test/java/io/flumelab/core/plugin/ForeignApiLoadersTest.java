package io.flumelab.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.plugin.ClassSearch.Found;
import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.ForeignApi;
import io.flumelab.core.testing.LogCapture;
import io.flumelab.core.testing.PluginFixtures;
import io.flumelab.core.testing.PluginJars;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader graph of a foreign plugin API, with a small API of the tests' own and its
 * {@link ForeignApi} in a compatibility directory: where the API is found, which plugins get it as
 * their parent, and the hooks the loaders call.
 */
class ForeignApiLoadersTest {

  @TempDir
  Path dir;

  private Path compat;
  private Plugins plugins;

  @BeforeEach
  void compatDir() throws Exception {
    compat = PluginFixtures.compatDir(dir.resolve("compat/test"));
    Files.createDirectories(root());
  }

  @AfterEach
  void close() {
    if (plugins != null) {
      plugins.close();
    }
  }

  private Path root() {
    return dir.resolve("plugins.d");
  }

  private Plugins open(ClassLoader agent) {
    plugins = Plugins.open(new PluginPaths(List.of(root()), compat), agent);
    return plugins;
  }

  private void foreignPlugin() {
    PluginJars.jar(root().resolve("foreign/lib/foreign.jar"),
        Map.of("demo.ForeignSource", PluginFixtures.FOREIGN_SOURCE),
        PluginFixtures.foreignApiJar(compat));
  }

  @Test
  void theForeignApiIsFoundInTheCompatibilityJarsOnly() {
    open(getClass().getClassLoader());

    assertThat(plugins.foreignApis()).singleElement().satisfies(api -> {
      assertThat(api.displayName()).isEqualTo("Test API 1.0");
      assertThat(api.getClass().getClassLoader().getName()).isEqualTo("compat:test");
    });
    assertThat(plugins.compatJars()).containsExactly("test-api-1.0.jar", "test-compat.jar");
    Plugins withoutCompat = Plugins.open(new PluginPaths(List.of(root()), null),
        getClass().getClassLoader());
    assertThat(withoutCompat.foreignApis()).isEmpty();
    withoutCompat.close();
  }

  @Test
  void aPluginWrittenAgainstTheForeignApiHasTheCompatibilityLoaderAsParent() throws Exception {
    foreignPlugin();
    PluginJars.jar(root().resolve("ours/lib/ours.jar"), Map.of("demo.Ours",
        "package demo; public class Ours {}"));
    open(getClass().getClassLoader());

    Class<?> foreign = ((Found) plugins.find("demo.ForeignSource")).type();
    Class<?> ours = ((Found) plugins.find("demo.Ours")).type();

    ClassLoader compatLoader = plugins.foreignApis().get(0).getClass().getClassLoader();
    assertThat(foreign.getClassLoader().getParent()).isSameAs(compatLoader);
    assertThat(ours.getClassLoader().getParent().getName()).isEqualTo("flumelab-api");
    assertThat(foreign.getInterfaces()[0].getClassLoader()).as("the API's own interface")
        .isSameAs(compatLoader);
    assertThat(ours.getClassLoader().loadClass("java.lang.String")).isSameAs(String.class);
  }

  @Test
  void theForeignApiSeesEachClassOfItsPluginsBeforeItIsDefined() throws Exception {
    foreignPlugin();
    open(getClass().getClassLoader());

    plugins.find("demo.ForeignSource");

    @SuppressWarnings("unchecked")
    List<String> rewritten = (List<String>) plugins.foreignApis().get(0).getClass()
        .getField("REWRITTEN").get(null);
    assertThat(rewritten).containsExactly("demo.ForeignSource");
  }

  @Test
  void aClassTheForeignApiRewritesIsDefinedFromTheNewBytesWithItsJarsCodeSource() throws Exception {
    Path jar = PluginJars.jar(root().resolve("foreign/lib/foreign.jar"), Map.of("demo.Marked", """
        package demo;
        public class Marked implements org.example.foreign.Source {
          public String next() { return "BEFORE"; }
        }
        """), PluginFixtures.foreignApiJar(compat));
    open(getClass().getClassLoader());

    Class<?> marked = ((Found) plugins.find("demo.Marked")).type();

    assertThat(marked.getMethod("next").invoke(marked.getDeclaredConstructor().newInstance()))
        .isEqualTo("AFTER!");
    assertThat(marked.getProtectionDomain().getCodeSource().getLocation())
        .isEqualTo(jar.toUri().toURL());
    assertThat(marked.getPackage().getName()).isEqualTo("demo");
  }

  @Test
  void aForeignClassOnTheAgentsClassPathIsDefinedAgainWithTheForeignApi() throws Exception {
    Path classes = dir.resolve("classes");
    PluginJars.compile(Map.of("demo.ForeignSource", PluginFixtures.FOREIGN_SOURCE),
        List.of(PluginFixtures.foreignApiJar(compat))).forEach((name, bytes) -> {
          try {
            Path file = classes.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    try (URLClassLoader agent = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        getClass().getClassLoader())) {
      Found found = (Found) open(agent).find("demo.ForeignSource");

      assertThat(found.type().getClassLoader().getName()).isEqualTo("classpath:" + classes);
      assertThat(found.origin().location()).startsWith(Plugins.CLASS_PATH);
      assertThat(found.type().getInterfaces()[0].getName()).isEqualTo("org.example.foreign.Source");
    }
  }

  @Test
  void theForeignApisCountersAreThoseOfThisAgentsLoaders() {
    open(getClass().getClassLoader());

    assertThat(plugins.foreignCounters()).singleElement()
        .satisfies(counter -> assertThat(counter.getName()).isEqualTo("foreign-kept"))
        .matches(ComponentCounter::registersItself);
  }

  @Test
  void apacheFlumesOwnClassesOnTheAgentsClassPathAreWarnedAbout() throws Exception {
    Path flume = Files.createDirectories(dir.resolve("flume/org/apache/flume"));
    Files.write(flume.resolve("Context.class"), new byte[] {(byte) 0xca, (byte) 0xfe});
    try (URLClassLoader agent = new URLClassLoader(new URL[] {dir.resolve("flume").toUri().toURL()},
        getClass().getClassLoader()); LogCapture log = LogCapture.attach(Plugins.class, Level.WARN)) {
      open(agent);

      assertThat(log.warnings()).singleElement().asString()
          .contains("The agent's class path holds Apache Flume's own classes")
          .contains(dir.resolve("flume").toString());
    }
  }
}
