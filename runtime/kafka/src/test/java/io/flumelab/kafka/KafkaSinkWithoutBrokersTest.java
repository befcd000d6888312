package io.flumelab.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.Context;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Transaction;
import io.flumelab.core.channel.MemoryChannel;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No broker answers: the sink starts, fails its batch naming the brokers, and loses nothing. */
class KafkaSinkWithoutBrokersTest {

  @Test
  void aBatchThatNoBrokerTakesStaysInTheChannel() throws Exception {
    String brokers = "127.0.0.1:" + closedPort();
    MemoryChannel channel = new MemoryChannel();
    channel.setName("c1");
    channel.configure(new Context(Map.of("capacity", "100", "transactionCapacity", "10")));
    channel.start();
    KafkaSink sink = new KafkaSink();
    sink.setName("k1");
    sink.configure(new Context(Map.of("kafka.bootstrap.servers", brokers,
        "kafka.topic", "first", "flumeBatchSize", "10", "kafka.producer.max.block.ms", "500")));
    sink.setChannel(channel);
    sink.start();
    try {
      put(channel, 3);
      assertThatThrownBy(sink::process).isInstanceOf(EventDeliveryException.class)
          .hasMessageContaining("could not deliver 3 events")
          .hasMessageContaining("brokers tried: " + brokers)
          .hasMessageContaining("event 1 of 3");
      assertThat(sink.getCounter().getEventDrainSuccessCount()).isZero();
      assertThat(drain(channel)).isEqualTo(3);
    } finally {
      sink.stop();
      channel.stop();
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void put(MemoryChannel channel, int count) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    for (int i = 0; i < count; i++) {
      channel.put(EventBuilder.withBody("e" + i, StandardCharsets.UTF_8));
    }
    tx.commit();
    tx.close();
  }

  private static int drain(MemoryChannel channel) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    int count = 0;
    while (channel.take() != null) {
      count++;
    }
    tx.commit();
    tx.close();
    return count;
  }
}
