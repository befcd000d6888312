package io.flumelab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.PollableSource;
import io.flumelab.api.Transaction;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.channel.ReplicatingChannelSelector;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ForeignApi;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged Flume compatibility directory (target/compat/flume) is complete: in a class loader
 * of its own over those jars, whose parent shows only the JDK and FlumeLab's API, spi and logging
 * APIs (as the agent builds it), the adapters are found as a {@link ForeignApi} and run Flume's
 * own sequence source into one of our channels, with its counter read back from JMX.
 */
class FlumeCompatDirectoryIT {

  private static final Path COMPAT = Path.of("target", "compat", "flume");
  private static URLClassLoader compat;

  @BeforeAll
  static void openTheCompatDirectory() throws IOException {
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(COMPAT)) {
      for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
    }
    compat = new URLClassLoader("compat:flume", jars.toArray(URL[]::new),
        new SharedApi(FlumeCompatDirectoryIT.class.getClassLoader()));
  }

  @AfterAll
  static void close() throws IOException {
    compat.close();
  }

  @Test
  void itHoldsTheAdaptersFlumesApiAndTheFlumeEraLibraries() throws IOException {
    try (Stream<Path> files = Files.list(COMPAT)) {
      assertThat(files.map(f -> f.getFileName().toString().replaceAll("-[0-9][0-9.]*(-SNAPSHOT)?\\.jar$", "")))
          .containsExactlyInAnyOrder("flumelab-flume-compat", "flume-ng-core", "flume-ng-sdk",
              "flume-ng-configuration", "guava", "commons-io", "commons-lang", "commons-codec",
              "gson", "joda-time", "log4j-1.2-api", "asm");
    }
  }

  @Test
  void theAdaptersRunFlumesOwnSourceIntoOurChannel() throws Exception {
    ForeignApi api = ServiceLoader.load(ForeignApi.class, compat).findFirst().orElseThrow();
    assertThat(api.getClass().getClassLoader()).isSameAs(compat);
    assertThat(api.displayName()).isEqualTo("Apache Flume 1.11.0");

    MemoryChannel channel = new MemoryChannel();
    channel.setName("c1");
    channel.configure(new Context(Map.of()));
    channel.start();
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    selector.configure(new Context(Map.of()));

    Class<?> flumes = compat.loadClass("org.apache.flume.source.SequenceGeneratorSource");
    PollableSource source = (PollableSource) api.create(ComponentKind.SOURCE, flumes);
    String name = "seq-compat-" + System.nanoTime();
    source.setName(name);
    ((io.flumelab.api.Configurable) source).configure(
        new Context(Map.of("batchSize", "3", "totalEvents", "3")));
    source.setChannelProcessor(new DefaultChannelProcessor(selector, List.of()));
    source.start();
    source.process();
    source.stop();

    assertThat(bodies(channel)).containsExactly("0", "1", "2");
    assertThat(api.counters(loader -> loader == compat)).filteredOn(c -> c.getName().equals(name))
        .singleElement()
        .satisfies(c -> assertThat(c.getType()).isEqualTo("SOURCE"))
        .extracting(c -> c.get("EventAcceptedCount")).isEqualTo(3L);
  }

  /** Plugins of Flume 1.7's time log through log4j 1's API: the bridge to the agent's Log4j 2. */
  @Test
  void log4jOnesApiIsThere() throws Exception {
    Class<?> logger = compat.loadClass("org.apache.log4j.Logger");
    Object log = logger.getMethod("getLogger", String.class).invoke(null, "compat-test");
    logger.getMethod("info", Object.class).invoke(log, "from log4j 1's API");
    assertThat(logger.getClassLoader()).isSameAs(compat);
  }

  private static List<String> bodies(MemoryChannel channel) {
    List<String> bodies = new ArrayList<>();
    Transaction tx = channel.getTransaction();
    tx.begin();
    for (Event e = channel.take(); e != null; e = channel.take()) {
      bodies.add(new String(e.getBody(), StandardCharsets.UTF_8));
    }
    tx.commit();
    tx.close();
    return bodies;
  }

  /** What the agent lets plugins see of its class path: FlumeLab's API and spi, logging APIs. */
  private static final class SharedApi extends ClassLoader {

    private final ClassLoader agent;

    SharedApi(ClassLoader agent) {
      super("shared-api", ClassLoader.getPlatformClassLoader());
      this.agent = agent;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("io.flumelab.api.") || name.startsWith("io.flumelab.core.spi.")
          || name.startsWith("org.slf4j.") || name.startsWith("org.apache.logging.log4j.")) {
        return agent.loadClass(name);
      }
      return super.loadClass(name, resolve);
    }
  }
}
