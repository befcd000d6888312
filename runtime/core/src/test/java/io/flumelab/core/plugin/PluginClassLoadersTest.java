package io.flumelab.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.core.monitor.CounterMBeans;
import io.flumelab.core.plugin.ClassSearch.Found;
import io.flumelab.core.spi.SourceCounter;
import io.flumelab.core.testing.LogCapture;
import io.flumelab.core.testing.PluginJars;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plugins.d's class loaders, over jars compiled for each test: what a plugin sees and shares. */
class PluginClassLoadersTest {

  @TempDir
  Path dir;

  private Plugins plugins;

  @AfterEach
  void close() {
    if (plugins != null) {
      plugins.close();
    }
  }

  private Path root() {
    return dir.resolve("plugins.d");
  }

  private Plugins open() {
    plugins = Plugins.open(new PluginPaths(List.of(root()), null), getClass().getClassLoader());
    return plugins;
  }

  private static String util(String says) {
    return "package demo; public class Util { public static String says() { return \"" + says
        + "\"; } }";
  }

  private static Object call(Class<?> type, String method) throws Exception {
    return type.getMethod(method).invoke(null);
  }

  @Test
  void eachPluginHasItsOwnCopyOfAClassBothShip() throws Exception {
    PluginJars.jar(root().resolve("a/lib/a.jar"), Map.of("demo.Util", util("a"),
        "demo.A", "package demo; public class A { public static String says() { return Util.says(); } }"));
    PluginJars.jar(root().resolve("b/lib/b.jar"), Map.of("demo.Util", util("b"),
        "demo.B", "package demo; public class B { public static String says() { return Util.says(); } }"));

    Class<?> a = ((Found) open().find("demo.A")).type();
    Class<?> b = ((Found) plugins.find("demo.B")).type();

    assertThat(call(a, "says")).isEqualTo("a");
    assertThat(call(b, "says")).isEqualTo("b");
    assertThat(a.getClassLoader().getName()).isEqualTo("plugin:a");
    assertThat(b.getClassLoader().getName()).isEqualTo("plugin:b");
  }

  @Test
  void pluginsShareFlumeLabsApiAndSpiWithTheAgent() throws Exception {
    PluginJars.jar(root().resolve("api/lib/api.jar"), Map.of("demo.Shout", """
        package demo;
        import io.flumelab.api.Event;
        public class Shout { public static Class<?> eventType() { return Event.class; } }
        """));

    Class<?> shout = ((Found) open().find("demo.Shout")).type();

    assertThat(call(shout, "eventType")).isSameAs(io.flumelab.api.Event.class);
    assertThat(shout.getClassLoader().loadClass("io.flumelab.core.spi.SinkSelector"))
        .isSameAs(io.flumelab.core.spi.SinkSelector.class);
    assertThat(shout.getClassLoader().loadClass("org.slf4j.Logger")).isSameAs(org.slf4j.Logger.class);
  }

  @Test
  void theAgentsLibrariesAndInternalsAreInvisibleToPlugins() throws Exception {
    PluginJars.jar(root().resolve("nosy/lib/nosy.jar"), Map.of("demo.Nosy", """
        package demo;
        public class Nosy { public static Object buffer() { return io.netty.buffer.Unpooled.buffer(); } }
        """));
    Class<?> nosy = ((Found) open().find("demo.Nosy")).type();
    ClassLoader loader = nosy.getClassLoader();

    assertThat(getClass().getClassLoader().loadClass("io.netty.buffer.Unpooled")).isNotNull();
    assertThatThrownBy(() -> loader.loadClass("io.netty.buffer.Unpooled"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> loader.loadClass("io.flumelab.core.config.AgentConfigurations"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> call(nosy, "buffer")).hasRootCauseInstanceOf(ClassNotFoundException.class)
        .rootCause().hasMessageContaining("io.netty.buffer.Unpooled");
    assertThat(loader.getResource("META-INF/services/io.flumelab.core.spi.ComponentCatalog"))
        .as("the agent's resources").isNull();
  }

  @Test
  void aClassNoJarOfThePluginHoldsComesFromAnotherPluginWithAWarningOnce() throws Exception {
    Path driverJar = PluginJars.jar(root().resolve("mysql/libext/driver.jar"), Map.of(
        "driver.Driver", "package driver; public class Driver { public String name() { return \"d\"; } }",
        "driver.Other", "package driver; public class Other {}"));
    PluginJars.jar(root().resolve("app/lib/app.jar"), Map.of("demo.UsesDriver", """
        package demo;
        public class UsesDriver {
          public static Object driver() { new driver.Other(); return new driver.Driver(); }
        }
        """), driverJar);
    Class<?> app = ((Found) open().find("demo.UsesDriver")).type();

    Object driver;
    try (LogCapture log = LogCapture.attach(Plugins.class, Level.WARN)) {
      driver = call(app, "driver");
      // once per package: the verifier may ask for either class first
      assertThat(log.warnings()).singleElement().asString().matches("WARN plugin app loads "
          + "driver\\.(Driver|Other) from plugins\\.d/mysql/libext/driver\\.jar; put it in "
          + "plugins\\.d/app/libext to keep plugins apart");
    }
    assertThat(driver.getClass().getClassLoader().getName()).isEqualTo("plugin:mysql");
  }

  @Test
  void theUnionLoaderSeesTheClassPathAndEveryPluginsJars() throws Exception {
    PluginJars.jar(root().resolve("mysql/libext/driver.jar"), Map.of("driver.Driver",
        "package driver; public class Driver {}"));
    PluginJars.jar(root().resolve("a/lib/a.jar"), Map.of("demo.Util", util("a")));
    ClassLoader union = open().unionLoader();

    assertThat(union.loadClass("driver.Driver").getClassLoader().getName()).isEqualTo("plugin:mysql");
    assertThat(union.loadClass("demo.Util").getClassLoader().getName()).isEqualTo("plugin:a");
    assertThat(union.loadClass("io.netty.buffer.Unpooled").getClassLoader())
        .isSameAs(getClass().getClassLoader());
    assertThat(union.getResource("driver/Driver.class")).isNotNull();
  }

  @Test
  void aPluginsNativeLibrariesComeFromItsNativeDirectory() throws Exception {
    PluginJars.jar(root().resolve("jni/lib/jni.jar"), Map.of("demo.Jni",
        "package demo; public class Jni {}"));
    Path library = Files.createDirectories(root().resolve("jni/native"))
        .resolve(System.mapLibraryName("demo"));
    Files.write(library, new byte[] {0});

    PluginClassLoader loader = (PluginClassLoader) ((Found) open().find("demo.Jni")).type()
        .getClassLoader();

    assertThat(loader.findLibrary("demo")).isEqualTo(library.toAbsolutePath().toString());
    assertThat(loader.findLibrary("other")).as("left to java.library.path").isNull();
  }

  @Test
  void libComesBeforeLibextAndTheFirstPluginWinsAClassTwoHold() throws Exception {
    PluginJars.jar(root().resolve("a/lib/a.jar"), Map.of("demo.Util", util("a-lib")));
    PluginJars.jar(root().resolve("a/libext/a.jar"), Map.of("demo.Util", util("a-libext")));
    PluginJars.jar(root().resolve("b/lib/b.jar"), Map.of("demo.Util", util("b")));

    Found found = (Found) open().find("demo.Util");

    assertThat(call(found.type(), "says")).isEqualTo("a-lib");
    assertThat(found.origin().location()).isEqualTo("plugins.d/a/lib/a.jar");
    assertThat(found.alsoIn()).extracting(Origin::location).containsExactly(
        "plugins.d/b/lib/b.jar");
  }

  @Test
  void closingUnregistersThePluginsMBeansAndCounterMBeansLeaveThemAlone() throws Exception {
    PluginJars.jar(root().resolve("jmx/lib/jmx.jar"), Map.of(
        "demo.CountMBean", "package demo; public interface CountMBean { long getEventCount(); }",
        "demo.Count", """
            package demo;
            import java.lang.management.ManagementFactory;
            import javax.management.ObjectName;
            public class Count implements CountMBean {
              public long getEventCount() { return 7; }
              public static void register() throws Exception {
                ManagementFactory.getPlatformMBeanServer().registerMBean(new Count(),
                    new ObjectName("org.apache.flume.source:type=plugged"));
              }
            }
            """));
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("org.apache.flume.source:type=plugged");
    call(((Found) open().find("demo.Count")).type(), "register");
    CounterMBeans ours = new CounterMBeans();

    try (LogCapture log = LogCapture.attach(CounterMBeans.class, Level.WARN)) {
      ours.register(List.of(new SourceCounter("plugged")));
      assertThat(log.warnings()).singleElement().asString()
          .contains("org.apache.flume.source:type=plugged is already kept by plugin:jmx");
    }
    assertThat(server.getAttribute(name, "EventCount")).isEqualTo(7L);
    plugins.close();
    assertThat(server.isRegistered(name)).isFalse();
    ours.unregisterAll();
  }

  @Test
  void countersThatRegisterThemselvesAreNotRegisteredAgain() throws Exception {
    CounterMBeans ours = new CounterMBeans();
    SourceCounter selfRegistering = new SourceCounter("self") {
      @Override
      public boolean registersItself() {
        return true;
      }
    };

    ours.register(List.of(selfRegistering, new SourceCounter("kept")));

    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    assertThat(server.isRegistered(new ObjectName("org.apache.flume.source:type=self"))).isFalse();
    assertThat(server.isRegistered(new ObjectName("org.apache.flume.source:type=kept"))).isTrue();
    ours.unregisterAll();
  }

  @Test
  void aDirectoryWithoutLibOrLibextIsSkippedAndAnUnreadableJarIsAProblem() throws Exception {
    Files.createDirectories(root().resolve("empty/docs"));
    Files.createDirectories(root().resolve("bad/lib"));
    Files.writeString(root().resolve("bad/lib/broken.jar"), "not a jar");

    try (LogCapture log = LogCapture.attach(Plugins.class, Level.WARN)) {
      open();
      assertThat(log.warnings()).singleElement().asString().contains("empty")
          .contains("neither lib/ nor libext/");
    }
    assertThat(plugins.problems()).singleElement().asString()
        .startsWith("plugin jar " + root().resolve("bad/lib/broken.jar") + " cannot be read");
    assertThat(plugins.pluginDirs()).containsExactly("plugins.d/bad");
  }
}
