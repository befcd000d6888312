package io.flumelab.flume;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.BatchSizeSupported;
import io.flumelab.api.EventDrivenSource;
import io.flumelab.api.Interceptor;
import io.flumelab.api.PollableSource;
import io.flumelab.api.Sink;
import io.flumelab.core.spi.ChannelSelector;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ForeignApi;
import io.flumelab.flume.fixtures.Mysource2;
import io.flumelab.flume.fixtures.ThreadedSource;
import java.io.InputStream;
import java.util.ServiceLoader;
import org.apache.flume.channel.MultiplexingChannelSelector;
import org.apache.flume.interceptor.TimestampInterceptor;
import org.apache.flume.sink.LoggerSink;
import org.apache.flume.source.ExecSource;
import org.junit.jupiter.api.Test;

class FlumeApiTest {

  private final FlumeApi api = Wiring.API;

  @Test
  void theAgentFindsItWithTheServiceLoader() {
    assertThat(ServiceLoader.load(ForeignApi.class, getClass().getClassLoader()).stream()
        .map(ServiceLoader.Provider::type)).containsExactly(FlumeApi.class);
    assertThat(api.displayName()).isEqualTo("Apache Flume 1.11.0");
  }

  @Test
  void rolesAreReadFromTheSupertypes() {
    assertThat(api.role(ComponentKind.SOURCE, Mysource2.class)).hasValue("an Apache Flume pollable source");
    assertThat(api.role(ComponentKind.SOURCE, ThreadedSource.class))
        .hasValue("an Apache Flume event-driven source");
    assertThat(api.role(ComponentKind.SINK, LoggerSink.class)).hasValue("an Apache Flume sink");
    assertThat(api.role(ComponentKind.INTERCEPTOR, TimestampInterceptor.Builder.class))
        .hasValue("an Apache Flume interceptor builder");
    assertThat(api.role(ComponentKind.SELECTOR, MultiplexingChannelSelector.class))
        .hasValue("an Apache Flume channel selector");
    assertThat(api.role(ComponentKind.SINK, Mysource2.class)).isEmpty();
    assertThat(api.role(ComponentKind.INTERCEPTOR, TimestampInterceptor.class))
        .as("an interceptor is named by its builder").isEmpty();
    assertThat(api.role(ComponentKind.CHANNEL, org.apache.flume.channel.MemoryChannel.class)).isEmpty();
    assertThat(api.role(ComponentKind.SOURCE, String.class)).isEmpty();
    assertThat(api.unusable(ComponentKind.SOURCE, Mysource2.class)).isNull();
  }

  @Test
  void whatAClassImplementsOfFlumesApiMostSpecificFirst() {
    assertThat(api.implemented(Mysource2.class)).containsExactly(
        "org.apache.flume.source.AbstractSource", "org.apache.flume.conf.Configurable",
        "org.apache.flume.PollableSource", "org.apache.flume.Source",
        "org.apache.flume.lifecycle.LifecycleAware", "org.apache.flume.NamedComponent");
    assertThat(api.implemented(String.class)).isEmpty();
  }

  @Test
  void eachKindIsAdaptedToOurInterface() throws Exception {
    assertThat(api.create(ComponentKind.SOURCE, Mysource2.class)).isInstanceOf(PollableSource.class);
    assertThat(api.create(ComponentKind.SOURCE, ThreadedSource.class)).isInstanceOf(EventDrivenSource.class)
        .isNotInstanceOf(BatchSizeSupported.class);
    assertThat(api.create(ComponentKind.SOURCE, ExecSource.class)).isInstanceOf(EventDrivenSource.class)
        .isInstanceOf(BatchSizeSupported.class);
    assertThat(api.create(ComponentKind.SINK, LoggerSink.class)).isInstanceOf(Sink.class);
    assertThat(api.create(ComponentKind.INTERCEPTOR, TimestampInterceptor.Builder.class))
        .isInstanceOf(Interceptor.Builder.class);
    assertThat(api.create(ComponentKind.SELECTOR, MultiplexingChannelSelector.class))
        .isInstanceOf(ChannelSelector.class);
  }

  @Test
  void aClassFileRefersToFlumeWhenItNamesFlumesPackage() throws Exception {
    assertThat(api.referencedBy(classFile(Mysource2.class))).isTrue();
    assertThat(api.referencedBy(classFile(FlumeApiTest.Unrelated.class))).isFalse();
  }

  private static byte[] classFile(Class<?> type) throws Exception {
    String name = type.getName();
    try (InputStream in = type.getResourceAsStream(name.substring(name.lastIndexOf('.') + 1) + ".class")) {
      return in.readAllBytes();
    }
  }

  static final class Unrelated {}
}
