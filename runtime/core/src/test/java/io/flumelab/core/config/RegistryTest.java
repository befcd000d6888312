package io.flumelab.core.config;

import static io.flumelab.core.config.ConfigTesting.FILE;
import static io.flumelab.core.config.ConfigTesting.STRICT;
import static io.flumelab.core.testing.AgentTesting.REAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.core.config.fixtures.KafkaLikeCatalog;
import io.flumelab.core.spi.ComponentCatalog;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryTest {

  private final ComponentRegistry builtIns = ComponentRegistry.load(getClass().getClassLoader());

  @ParameterizedTest
  @CsvSource({
      "SOURCE, org.apache.flume.source.NetcatSource, io.flumelab.core.source.netcat.NetcatSource",
      "CHANNEL, org.apache.flume.channel.MemoryChannel, io.flumelab.core.channel.MemoryChannel",
      "SINK, org.apache.flume.sink.LoggerSink, io.flumelab.core.sink.LoggerSink",
      "SINK, org.apache.flume.sink.NullSink, io.flumelab.core.sink.NullSink",
      "SELECTOR, org.apache.flume.channel.ReplicatingChannelSelector,"
          + " io.flumelab.core.channel.ReplicatingChannelSelector",
      "SELECTOR, org.apache.flume.channel.MultiplexingChannelSelector,"
          + " io.flumelab.core.channel.MultiplexingChannelSelector",
      "SINK_PROCESSOR, org.apache.flume.sink.DefaultSinkProcessor,"
          + " io.flumelab.core.sink.DefaultSinkProcessor"})
  void flumeClassNamesResolveToFlumeLabClasses(ComponentKind kind, String flumeClass,
      String flumeLabClass) {
    assertThat(className(kind, flumeClass)).isEqualTo(flumeLabClass);
  }

  @Test
  void aliasesAreCaseInsensitiveAndPerKind() {
    assertThat(className(ComponentKind.SINK, "LOGGER")).isEqualTo("io.flumelab.core.sink.LoggerSink");
    assertThat(builtIns.find(ComponentKind.SOURCE, "logger")).isEmpty();
    assertThat(builtIns.aliases(ComponentKind.SINK)).containsExactly("logger", "null", "file_roll");
  }

  @Test
  void everyBuiltInClassExistsAndIsOfItsKind() {
    TypeResolver resolver = new TypeResolver(builtIns, getClass().getClassLoader());
    for (ComponentKind kind : ComponentKind.values()) {
      for (ComponentSpec spec : builtIns.specs(kind)) {
        assertThat(resolver.resolve(kind, spec.alias())).as(spec.alias()).isInstanceOf(TypeResolver.Resolved.class);
      }
    }
  }

  @Test
  void twoTypesWithOneAliasAreRefused() {
    ComponentSpec a = ComponentSpec.builder(ComponentKind.SINK, "x", "a.A").build();
    ComponentSpec b = ComponentSpec.builder(ComponentKind.SINK, "X", "b.B").build();
    assertThatThrownBy(() -> ComponentRegistry.of(List.of(a, b)))
        .hasMessage("Two sink types are called 'X': a.A and b.B");
  }

  @Test
  void anotherModulesCatalogIsFoundThroughItsServiceFile(@TempDir Path dir) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(ComponentCatalog.class.getName()), KafkaLikeCatalog.class.getName() + "\n");
    String config = MalformedConfigTest.lab01()
        .replace("type = logger", "type = org.apache.flume.sink.kafka.KafkaSink")
        + """
        a1.sinks.k1.kafka.bootstrap.servers = localhost:9092
        a1.sinks.k1.kafka.producer.acks = all
        a1.sinks.k1.kafka.topic = events
        """;

    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      AgentConfigurations.Options options = REAL.withClassLoader(loader);
      CheckReport report = AgentConfigurations.check(FILE, config, "a1", options);

      assertThat(report.render())
          .isEqualTo("agent a1: 1 source (r1 netcat), 1 channel (c1 memory), 1 sink (k1 kafka)");
    }
    // without the module, Flume's Kafka sink is an unknown type
    assertThat(AgentConfigurations.check(FILE, config, "a1", STRICT).ok()).isFalse();
  }

  private String className(ComponentKind kind, String type) {
    return builtIns.find(kind, type).map(ComponentSpec::className).orElse(null);
  }
}
