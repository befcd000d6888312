package io.flumelab.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.config.AgentConfigurations.Options;
import io.flumelab.core.plugin.PluginPaths;
import io.flumelab.core.testing.AgentTesting;
import io.flumelab.core.testing.PluginFixtures;
import io.flumelab.core.testing.PluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code check} says at a {@code type} line when a class in plugins.d cannot serve: each
 * message names the class, where it is or what was searched, and the fix.
 */
class PluginResolutionTest {

  private static final String FILE = "jobs/x.conf";

  @TempDir
  Path dir;

  private Path root() {
    return dir.resolve("plugins.d");
  }

  private Options options(Path compat) {
    Map<String, String> system = new LinkedHashMap<>();
    system.put(PluginPaths.PLUGINS_PATH, root().toString());
    if (compat != null) {
      system.put(PluginPaths.COMPAT_PATH, compat.toString());
    }
    return AgentTesting.REAL.withSystemProperties(system);
  }

  private List<String> problems(String sourceType, String sinkType, Path compat) {
    String text = """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = %s
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = %s
        a1.sinks.k1.channel = c1
        """.formatted(sourceType, sinkType);
    return AgentConfigurations.check(FILE, text, "a1", options(compat)).problems().stream()
        .map(Problem::render).toList();
  }

  private List<String> problems(String sourceType) {
    return problems(sourceType, "logger", null);
  }

  private void demoPlugin() {
    PluginJars.jar(root().resolve("demo/lib/demo.jar"), Map.of(
        "demo.CountingSource", PluginFixtures.COUNTING_SOURCE,
        "demo.Shout", PluginFixtures.SHOUT_INTERCEPTOR));
  }

  @Test
  void aClassInPluginsDResolves() {
    demoPlugin();

    CheckReport report = AgentConfigurations.check(FILE, """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = demo.CountingSource
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        """, "a1", options(null));

    assertThat(report.problems()).isEmpty();
    assertThat(report.summary()).contains("r1 demo.CountingSource (plugins.d/demo)");
  }

  /**
   * A built-in may answer to a published plugin's class name (the jdbc source to keedio's
   * SQLSource); when plugins.d holds that class, the plugin is what the job means.
   */
  @Test
  void aPluginInPluginsDWinsOverABuiltInAnsweringToItsClassName() {
    PluginJars.jar(root().resolve("netcat-plugin/lib/netcat.jar"), Map.of(
        "org.apache.flume.source.NetcatSource", PluginFixtures.COUNTING_SOURCE
            .replace("package demo;", "package org.apache.flume.source;")
            .replace("class CountingSource", "class NetcatSource")));

    CheckReport withPlugin = AgentConfigurations.check(FILE, """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = org.apache.flume.source.NetcatSource
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        """, "a1", options(null));

    assertThat(withPlugin.problems()).isEmpty();
    assertThat(withPlugin.summary())
        .contains("r1 org.apache.flume.source.NetcatSource (plugins.d/netcat-plugin)");
    CheckReport withoutPlugins = AgentConfigurations.check(FILE, """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = org.apache.flume.source.NetcatSource
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        """, "a1", AgentTesting.REAL);
    assertThat(withoutPlugins.problems()).extracting(Problem::render)
        .as("the same name with no plugin holding the class is the built-in netcat source, which "
            + "needs a port").anyMatch(problem -> problem.contains("port"));
  }

  @Test
  void aMissingClassListsTheJarsSearchedAndTheNearestClassName() throws Exception {
    demoPlugin();
    for (int i = 0; i < 4; i++) {
      PluginJars.jar(root().resolve("many/libext/lib" + i + ".jar"), Map.of("x.X" + i,
          "package x; public class X" + i + " {}"));
    }

    assertThat(problems("demo.CountingSourse")).containsExactly(FILE + ":4: a1.sources.r1.type: "
        + "class 'demo.CountingSourse' not found (searched: the agent's class path, "
        + "plugins.d/demo/lib/demo.jar, plugins.d/many/libext/ (4 jars)). Did you mean "
        + "'demo.CountingSource' (plugins.d/demo/lib/demo.jar)? Check the spelling, and put the jar "
        + "that holds it in plugins.d/<name>/lib or on the class path (-C).");
  }

  @Test
  void anInterceptorNamedAsASourceSaysWhatItIsAndHowToNameIt() {
    demoPlugin();

    assertThat(problems("demo.Shout")).containsExactly(FILE + ":4: a1.sources.r1.type: class "
        + "'demo.Shout' (plugins.d/demo/lib/demo.jar) is not a source: it implements "
        + "io.flumelab.api.Interceptor. Name an interceptor's builder under a source's "
        + "'interceptors.<name>.type' ('demo.Shout$Builder'); a source implements "
        + "io.flumelab.api.Source.");
  }

  @Test
  void aClassThatNeedsAJarThePluginLacksNamesTheClassAndTheDirectoryForIt() {
    Path base = PluginJars.jar(dir.resolve("elsewhere/base.jar"), Map.of("lib.Base",
        "package lib; public abstract class Base extends io.flumelab.api.AbstractSource {}"));
    PluginJars.jar(root().resolve("needy/lib/needy.jar"), Map.of("demo.Needy", """
        package demo;
        public class Needy extends lib.Base {}
        """), base);

    assertThat(problems("demo.Needy")).containsExactly(FILE + ":4: a1.sources.r1.type: class "
        + "'demo.Needy' (plugins.d/needy/lib/needy.jar) cannot be loaded: it needs lib.Base, which "
        + "neither plugins.d/needy (lib, libext) nor the JDK or FlumeLab's API holds. Put the jar "
        + "that holds it in plugins.d/needy/libext.");
  }

  @Test
  void aClassCompiledForANewerJavaSaysWhichJava() {
    Map<String, byte[]> classes = new LinkedHashMap<>(PluginJars.compile(
        Map.of("demo.CountingSource", PluginFixtures.COUNTING_SOURCE), List.of()));
    int newer = Runtime.version().feature() + 1;
    byte[] patched = classes.get("demo/CountingSource.class").clone();
    patched[6] = (byte) ((newer + 44) >> 8);
    patched[7] = (byte) (newer + 44);
    classes.put("demo/CountingSource.class", patched);
    PluginJars.write(root().resolve("future/lib/future.jar"), classes);

    assertThat(problems("demo.CountingSource")).containsExactly(FILE + ":4: a1.sources.r1.type: "
        + "class 'demo.CountingSource' (plugins.d/future/lib/future.jar) is compiled for Java "
        + newer + " (class file " + (newer + 44) + "); this agent runs Java "
        + Runtime.version().feature() + ". Compile it with --release " + Runtime.version().feature()
        + " (or lower), or run the agent on a newer Java.");
  }

  @Test
  void aClassInTwoPluginsIsAWarningNamingBoth() {
    demoPlugin();
    PluginJars.jar(root().resolve("twin/lib/twin.jar"), Map.of(
        "demo.CountingSource", PluginFixtures.COUNTING_SOURCE));

    assertThat(problems("demo.CountingSource")).containsExactly(FILE + ":4: warning: "
        + "a1.sources.r1.type: class 'demo.CountingSource' is in 2 plugins: "
        + "plugins.d/demo/lib/demo.jar (used) and plugins.d/twin/lib/twin.jar. Keep one copy: "
        + "plugins that share a class get in each other's way.");
  }

  @Test
  void anUnreadableJarStopsTheCheck() throws Exception {
    demoPlugin();
    Files.createDirectories(root().resolve("bad/lib"));
    Files.writeString(root().resolve("bad/lib/bad.jar"), "not a jar");

    assertThat(problems("demo.CountingSource")).singleElement().asString()
        .startsWith(FILE + ": plugin jar " + root().resolve("bad/lib/bad.jar") + " cannot be read")
        .endsWith("Replace or remove the jar; plugins.d/<name>/lib and libext hold jars only.");
  }

  @Test
  void aLoadBalancingSelectorIsSearchedAndExplainedLikeAType() {
    demoPlugin();
    String text = """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1 k2
        a1.sinkgroups = g1
        a1.sinkgroups.g1.sinks = k1 k2
        a1.sinkgroups.g1.processor.type = load_balance
        a1.sinkgroups.g1.processor.selector = %s
        a1.sources.r1.type = seq
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        a1.sinks.k2.type = logger
        a1.sinks.k2.channel = c1
        """;

    assertThat(AgentConfigurations.check(FILE, text.formatted("demo.CountingSourse"), "a1",
        options(null)).problems()).singleElement().satisfies(problem -> {
          assertThat(problem.line()).isEqualTo(7);
          assertThat(problem.message()).isEqualTo("class 'demo.CountingSourse' not found (searched: "
              + "the agent's class path, plugins.d/demo/lib/demo.jar)");
          assertThat(problem.fix()).startsWith("Did you mean 'demo.CountingSource'");
        });
    assertThat(AgentConfigurations.check(FILE, text.formatted("demo.CountingSource"), "a1",
        options(null)).problems()).singleElement().satisfies(problem -> assertThat(problem.message())
        .isEqualTo("class 'demo.CountingSource' (plugins.d/demo/lib/demo.jar) is not a "
            + "io.flumelab.core.spi.SinkSelector: it implements io.flumelab.api.PollableSource, "
            + "io.flumelab.api.Source"));
  }

  @Test
  void aFlumeClassWithoutACompatibilityDirectorySaysHowToGetOne() {
    Path flume = PluginJars.jar(dir.resolve("flume/flume-ng-core.jar"), Map.of(
        "org.apache.flume.source.AbstractSource",
        "package org.apache.flume.source; public abstract class AbstractSource {}"));
    PluginJars.jar(root().resolve("flumey/lib/flumey.jar"), Map.of("demo.FlumeSource",
        "package demo; public class FlumeSource extends org.apache.flume.source.AbstractSource {}"),
        flume);

    assertThat(problems("demo.FlumeSource")).containsExactly(FILE + ":4: a1.sources.r1.type: class "
        + "'demo.FlumeSource' (plugins.d/flumey/lib/flumey.jar) is written against Apache Flume's "
        + "API (it needs org.apache.flume.source.AbstractSource) and this FlumeLab has no "
        + "compatibility directory for it (flumelab.compat.path is not set or holds nothing). "
        + "Build runtime/launcher (it writes target/compat/flume), and start the agent with "
        + "bin/flume-ng, which sets flumelab.compat.path.");
  }

  @Test
  void checkClosesThePluginLoadersItOpenedAndUnregistersTheirMBeans() throws Exception {
    PluginJars.jar(root().resolve("jmx/lib/jmx.jar"), Map.of(
        "demo.CheckedMBean", "package demo; public interface CheckedMBean { int getOne(); }",
        "demo.Checked", """
            package demo;
            import io.flumelab.api.*;
            import java.lang.management.ManagementFactory;
            import javax.management.ObjectName;
            public class Checked extends AbstractSource implements EventDrivenSource, Configurable,
                CheckedMBean {
              public int getOne() { return 1; }
              public void configure(Context context) {
                try {
                  ManagementFactory.getPlatformMBeanServer().registerMBean(this,
                      new ObjectName("demo:type=checked"));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
            }
            """));
    javax.management.ObjectName name = new javax.management.ObjectName("demo:type=checked");

    assertThat(problems("demo.Checked")).isEmpty();

    assertThat(java.lang.management.ManagementFactory.getPlatformMBeanServer().isRegistered(name))
        .as("registered by configure(), unregistered when check closed the plugin").isFalse();
  }

  // ---- a foreign API

  private Path compatWithForeignPlugins() {
    Path compat = PluginFixtures.compatDir(dir.resolve("compat/test"));
    PluginJars.jar(root().resolve("foreign/lib/foreign.jar"), Map.of(
        "demo.ForeignSource", PluginFixtures.FOREIGN_SOURCE,
        "demo.LazySource", """
            package demo;
            public class LazySource implements org.example.foreign.Lazy {
              public String next() { return null; }
            }
            """), PluginFixtures.foreignApiJar(compat));
    return compat;
  }

  @Test
  void aForeignClassResolvesThroughItsApiAndSaysSoInTheSummary() {
    Path compat = compatWithForeignPlugins();

    CheckReport report = AgentConfigurations.check(FILE, """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = demo.ForeignSource
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        """, "a1", options(compat));

    assertThat(report.problems()).isEmpty();
    assertThat(report.summary())
        .contains("r1 demo.ForeignSource (a Test API source, plugins.d/foreign)");
  }

  @Test
  void aForeignClassOfTheWrongKindSaysWhatItImplementsInItsApi() {
    Path compat = compatWithForeignPlugins();

    assertThat(problems("seq", "demo.ForeignSource", compat)).containsExactly(FILE
        + ":7: a1.sinks.k1.type: class 'demo.ForeignSource' (plugins.d/foreign/lib/foreign.jar) is "
        + "not a sink: it implements Test API 1.0's org.example.foreign.Source. A sink implements "
        + "io.flumelab.api.Sink or its counterpart in Test API 1.0.");
  }

  @Test
  void aForeignClassItsApiCannotRunSaysWhy() {
    Path compat = compatWithForeignPlugins();

    assertThat(problems("demo.LazySource", "logger", compat)).containsExactly(FILE
        + ":4: a1.sources.r1.type: class 'demo.LazySource' (plugins.d/foreign/lib/foreign.jar) is a "
        + "Test API source, yet cannot serve as a source: a lazy source never gives a line, so "
        + "nothing would run it. Name a class that can run as a source.");
  }

  @Test
  void aForeignClassMissingALibraryNamesItsDirectoryAndWhatTheApiProvides() {
    Path compat = PluginFixtures.compatDir(dir.resolve("compat/test"));
    Path base = PluginJars.jar(dir.resolve("elsewhere/base.jar"), Map.of("lib.Base",
        "package lib; public abstract class Base implements org.example.foreign.Source {}"),
        PluginFixtures.foreignApiJar(compat));
    PluginJars.jar(root().resolve("udp/lib/udp.jar"), Map.of("demo.Udp", """
        package demo;
        public class Udp extends lib.Base { public String next() { return null; } }
        """), base, PluginFixtures.foreignApiJar(compat));

    assertThat(problems("demo.Udp", "logger", compat)).containsExactly(FILE
        + ":4: a1.sources.r1.type: class 'demo.Udp' (plugins.d/udp/lib/udp.jar) cannot be loaded: "
        + "it needs lib.Base, which neither plugins.d/udp (lib, libext) nor the Test API 1.0 API "
        + "FlumeLab provides (test-api-1.0.jar, test-compat.jar) holds. Put the jar that holds it "
        + "in plugins.d/udp/libext.");
  }
}
