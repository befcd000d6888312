package io.flumelab.flume;

import static io.flumelab.flume.Wiring.channel;
import static io.flumelab.flume.Wiring.create;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Context;
import io.flumelab.api.LifecycleState;
import io.flumelab.api.Sink;
import io.flumelab.core.sink.NullSink;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.SinkSelector;
import io.flumelab.flume.fixtures.FirstHealthySinkSelector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlumeSinkSelectorTest {

  @Test
  void aFlumeSinkSelectorOrdersOurSinksAndHearsOfFailures() throws Exception {
    Sink ours = new NullSink();
    ours.setName("k1");
    ours.setChannel(channel("c1"));
    Sink flumes = create(ComponentKind.SINK, org.apache.flume.sink.NullSink.class, "k2");
    flumes.setChannel(channel("c1"));

    SinkSelector selector = Wiring.API.adapt(SinkSelector.class, FirstHealthySinkSelector.class);
    selector.setSinks(List.of(ours, flumes));
    selector.configure(new Context(Map.of("maxTimeOut", "5000")));
    selector.start();

    assertThat(order(selector)).containsExactly(ours, flumes);
    selector.informSinkFailed(ours);
    assertThat(order(selector)).containsExactly(flumes, ours);

    FirstHealthySinkSelector flume = flumeSelector(selector);
    assertThat(flume.failed).containsExactly("k1");
    assertThat(flume.maxTimeOut()).isEqualTo(5000);
    // a Flume sink is given to a Flume selector as itself
    assertThat(flume.sinks().get(1)).isSameAs(((FlumeSinkAdapter) flumes).flume());
    assertThat(flume.sinks().get(0).getName()).isEqualTo("k1");
    assertThat(flume.sinks().get(0).getChannel().getName()).isEqualTo("c1");
    assertThat(selector.getLifecycleState()).isEqualTo(LifecycleState.START);
    selector.stop();
  }

  @Test
  void onlySinkSelectorsAreAdapted() throws Exception {
    assertThat(Wiring.API.adapt(io.flumelab.core.spi.ChannelSelector.class,
        FirstHealthySinkSelector.class)).isNull();
    assertThat(Wiring.API.adapt(SinkSelector.class, org.apache.flume.sink.NullSink.class)).isNull();
  }

  private static List<Sink> order(SinkSelector selector) {
    List<Sink> order = new ArrayList<>();
    for (Iterator<Sink> it = selector.createSinkIterator(); it.hasNext(); ) {
      order.add(it.next());
    }
    return order;
  }

  private static FirstHealthySinkSelector flumeSelector(SinkSelector selector) {
    return (FirstHealthySinkSelector) ((FlumeSinkSelectorAdapter) selector).flume();
  }
}
