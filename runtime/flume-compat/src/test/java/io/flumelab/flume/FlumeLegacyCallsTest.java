package io.flumelab.flume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableMap;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.PollableSource;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.testing.SourceTesting;
import io.flumelab.flume.fixtures.Mysource2;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flume.Context;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins compiled against Apache Flume 1.7.0 (here, at test time, against the real 1.7.0 jars)
 * call {@code Context.getSubProperties}, whose return type was Guava's ImmutableMap up to 1.9: on
 * Flume 1.11's classes they link only when rewritten.
 */
class FlumeLegacyCallsTest {

  private static final String PLUGIN = "legacy.HibernateSettings";
  private static final String SETTINGS = """
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
  /** A pollable source as Flume 1.7's developer guide writes one, configured by sub-properties. */
  private static final String SOURCE = """
      package legacy;

      import java.util.Map;
      import java.util.TreeMap;
      import org.apache.flume.Context;
      import org.apache.flume.PollableSource;
      import org.apache.flume.conf.Configurable;
      import org.apache.flume.event.EventBuilder;
      import org.apache.flume.source.AbstractSource;

      public class BodiesSource extends AbstractSource implements Configurable, PollableSource {
        private Map<String, String> bodies;

        @Override
        public void configure(Context context) {
          bodies = new TreeMap<String, String>(context.getSubProperties("body."));
        }

        @Override
        public Status process() {
          for (String body : bodies.values()) {
            getChannelProcessor().processEvent(EventBuilder.withBody(body.getBytes()));
          }
          return Status.READY;
        }

        @Override
        public long getBackOffSleepIncrement() {
          return 0;
        }

        @Override
        public long getMaxBackOffSleepInterval() {
          return 0;
        }
      }
      """;

  @TempDir
  static Path classes;

  @BeforeAll
  static void compileAgainstFlume17() throws Exception {
    Path flume17 = Path.of(System.getProperty("flumelab.test.flume17", "target/flume-1.7"));
    List<Path> classPath = new ArrayList<>();
    for (String jar : List.of("flume-ng-configuration", "flume-ng-core", "flume-ng-sdk")) {
      Path file = flume17.resolve(jar + "-1.7.0.jar");
      assertThat(file).as("copied by the build (maven-dependency-plugin)").exists();
      classPath.add(file);
    }
    classPath.add(TestCompiler.locationOf(ImmutableMap.class));
    TestCompiler.compile(classes, classPath, SETTINGS, SOURCE);
  }

  /** Flume 1.7's AbstractSource and PollableSource are 1.11's: only the Context call is rewritten. */
  @Test
  void aSourceCompiledAgainstFlume17RunsThroughTheAdapter() throws Exception {
    Class<?> plugin = PluginLoader.ofDirectory(classes, "legacy.", Wiring.API::rewrite)
        .loadClass("legacy.BodiesSource");
    MemoryChannel channel = Wiring.channel("c1");
    PollableSource source = Wiring.create(ComponentKind.SOURCE, plugin, "r-legacy",
        "body.1", "first", "body.2", "second");
    source.setChannelProcessor(SourceTesting.processorInto(channel));
    source.start();

    source.process();
    source.stop();

    assertThat(Wiring.drain(channel)).containsExactly("first", "second");
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

  /** Not rewritten, the source's configure() cannot link: a configuration error, not a crash. */
  @Test
  void notRewrittenTheSourcesConfigureFailsAsAConfigurationError() throws Exception {
    Class<?> plugin = PluginLoader.ofDirectory(classes, "legacy.", (name, bytes) -> null)
        .loadClass("legacy.BodiesSource");

    assertThatThrownBy(() -> Wiring.create(ComponentKind.SOURCE, plugin, "r-legacy", "body.1", "x"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("class 'legacy.BodiesSource' was compiled against another version")
        .hasMessageContaining("getSubProperties")
        .hasCauseInstanceOf(NoSuchMethodError.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).getFix())
            .contains("Rebuild it against Apache Flume 1.11"));
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
