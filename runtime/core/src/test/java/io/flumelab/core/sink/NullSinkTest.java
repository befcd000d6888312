package io.flumelab.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Sink.Status;
import io.flumelab.core.sink.LoggerSinkTest.ListChannel;
import io.flumelab.core.spi.SinkCounter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NullSinkTest {

  private ListChannel channel = new ListChannel("c1", 100);
  private NullSink sink;

  private NullSink start(Map<String, String> settings) {
    sink = new NullSink();
    sink.setName("k1");
    sink.configure(new Context(settings));
    sink.setChannel(channel);
    sink.start();
    return sink;
  }

  @AfterEach
  void tearDown() {
    if (sink != null) {
      sink.stop();
    }
  }

  private void fill(int events) {
    for (int i = 0; i < events; i++) {
      channel.fill(EventBuilder.withBody(new byte[] {(byte) i}));
    }
  }

  @Test
  void discardsInBatchesAndCountsFullPartialAndEmptyBatches() throws Exception {
    start(Map.of());
    fill(250);

    assertThat(sink.process()).isEqualTo(Status.READY);
    assertThat(sink.process()).isEqualTo(Status.READY);
    assertThat(sink.process()).isEqualTo(Status.READY);
    assertThat(sink.process()).isEqualTo(Status.BACKOFF);

    SinkCounter counter = sink.getCounter();
    assertThat(counter.getEventDrainAttemptCount()).isEqualTo(250);
    assertThat(counter.getEventDrainSuccessCount()).isEqualTo(250);
    assertThat(counter.get("BatchCompleteCount")).isEqualTo(2);
    assertThat(counter.get("BatchUnderflowCount")).isEqualTo(1);
    assertThat(counter.getBatchEmptyCount()).isEqualTo(1);
    assertThat(channel.size()).isZero();
    assertThat(channel.commits).isEqualTo(4);
    assertThat(channel.openTransactions()).isZero();
  }

  @Test
  void batchSizeIsConfigurable() throws Exception {
    start(Map.of("batchSize", "7"));
    fill(10);

    sink.process();

    assertThat(sink.getBatchSize()).isEqualTo(7);
    assertThat(channel.size()).isEqualTo(3);
    assertThat(sink.getCounter().get("BatchCompleteCount")).isEqualTo(1);
  }

  @Test
  void batchSizeMustBePositive() {
    assertThatThrownBy(() -> start(Map.of("batchSize", "0")))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("batchSize"));
  }

  @Test
  void batchLargerThanTheTransactionCapacityRollsBackAndSaysWhy() {
    channel = new ListChannel("c1", 10);
    start(Map.of());
    fill(30);

    assertThatThrownBy(() -> sink.process())
        .isInstanceOf(EventDeliveryException.class)
        .hasMessageContaining("Null sink k1")
        .hasMessageContaining("batchSize 100 above the channel's transactionCapacity");

    assertThat(channel.size()).isEqualTo(30);
    assertThat(channel.rollbacks).isEqualTo(1);
    assertThat(channel.openTransactions()).isZero();
    assertThat(sink.getCounter().getEventDrainSuccessCount()).isZero();
    assertThat(sink.getCounter().get("ChannelReadFail")).isEqualTo(1);
  }
}
