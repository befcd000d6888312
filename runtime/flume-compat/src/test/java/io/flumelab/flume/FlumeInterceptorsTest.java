package io.flumelab.flume;

import static io.flumelab.flume.Wiring.channel;
import static io.flumelab.flume.Wiring.create;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.core.channel.DefaultChannelProcessor;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.channel.ReplicatingChannelSelector;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.testing.SourceTesting;
import io.flumelab.core.testing.TestData;
import java.util.List;
import org.apache.flume.interceptor.RegexFilteringInterceptor;
import org.apache.flume.interceptor.TimestampInterceptor;
import org.junit.jupiter.api.Test;

class FlumeInterceptorsTest {

  @Test
  void flumesTimestampInterceptorStampsOurEvents() {
    Interceptor.Builder builder = create(ComponentKind.INTERCEPTOR, TimestampInterceptor.Builder.class,
        "i1", "headerName", "ts");
    Interceptor interceptor = builder.build();
    interceptor.initialize();
    long before = System.currentTimeMillis();

    Event event = TestData.event("a");
    Event stamped = interceptor.intercept(event);

    assertThat(stamped).isSameAs(event);
    assertThat(Long.parseLong(event.getHeaders().get("ts"))).isBetween(before, System.currentTimeMillis());
    interceptor.close();
  }

  /** In the agent's chain: the dropped events never reach the channel, the others keep order. */
  @Test
  void flumesRegexFilterDropsOurEventsInTheAgentsChain() {
    Interceptor.Builder builder = create(ComponentKind.INTERCEPTOR,
        RegexFilteringInterceptor.Builder.class, "i1", "regex", "^DEBUG", "excludeEvents", "true");
    MemoryChannel channel = channel("c1");
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    selector.configure(new io.flumelab.api.Context());
    DefaultChannelProcessor processor = new DefaultChannelProcessor(selector, List.of(builder.build()));
    processor.initialize();

    processor.processEventBatch(TestData.events("INFO one", "DEBUG two", "WARN three"));
    processor.processEvent(TestData.event("DEBUG four"));
    processor.processEvent(TestData.event("INFO five"));

    assertThat(TestData.bodies(SourceTesting.takeAvailable(channel)))
        .containsExactly("INFO one", "WARN three", "INFO five");
    processor.close();
  }
}
