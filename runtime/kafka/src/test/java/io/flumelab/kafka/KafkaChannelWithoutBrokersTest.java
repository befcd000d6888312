package io.flumelab.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.ChannelException;
import io.flumelab.api.Context;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.LifecycleState;
import io.flumelab.api.Transaction;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** No broker answers: the channel starts, and its transactions fail or come back empty, cleanly. */
class KafkaChannelWithoutBrokersTest {

  private String brokers;
  private final KafkaChannel channel = new KafkaChannel();

  @BeforeEach
  void start() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      brokers = "127.0.0.1:" + socket.getLocalPort();
    }
    channel.setName("c1");
    channel.configure(new Context(Map.of("kafka.bootstrap.servers", brokers,
        "kafka.producer.max.block.ms", "500", "pollTimeout", "100")));
    channel.start();
  }

  @AfterEach
  void stop() {
    channel.stop();
    assertThat(channel.getLifecycleState()).isEqualTo(LifecycleState.STOP);
  }

  @Test
  void aPutCommitFailsNamingTheEventAndTheBrokersAndRollsBackClean() {
    Transaction tx = channel.getTransaction();
    tx.begin();
    channel.put(EventBuilder.withBody("e1", StandardCharsets.UTF_8));
    channel.put(EventBuilder.withBody("e2", StandardCharsets.UTF_8));
    assertThatThrownBy(tx::commit).isInstanceOf(ChannelException.class)
        .hasMessageContaining("Kafka channel c1: event 1 of 2")
        .hasMessageContaining("brokers tried: " + brokers);
    tx.rollback();
    tx.close();
    assertThat(channel.getCounter().getEventPutAttemptCount()).isEqualTo(2);
    assertThat(channel.getCounter().getEventPutSuccessCount()).isZero();
  }

  @Test
  void aTakeFindsNothingAndCommits() {
    Transaction tx = channel.getTransaction();
    tx.begin();
    assertThat(channel.take()).isNull();
    tx.commit();
    tx.close();
    assertThat(channel.getCounter().getEventTakeAttemptCount()).isEqualTo(1);
  }

  @Test
  void aTransactionEitherPutsOrTakes() {
    Transaction tx = channel.getTransaction();
    tx.begin();
    channel.put(EventBuilder.withBody("e1", StandardCharsets.UTF_8));
    assertThatThrownBy(channel::take).isInstanceOf(ChannelException.class)
        .hasMessageContaining("either puts or takes");
    tx.rollback();
    tx.close();
  }

  @Test
  void anEventWhosePartitionHeaderIsNoNumberIsRefusedAtItsPut() {
    KafkaChannel byHeader = new KafkaChannel();
    byHeader.setName("c2");
    byHeader.configure(new Context(Map.of("kafka.bootstrap.servers", brokers,
        "partitionIdHeader", "p")));
    Transaction tx = byHeader.getTransaction();
    tx.begin();
    byte[] body = "e".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> byHeader.put(EventBuilder.withBody(body, Map.of("p", "first"))))
        .isInstanceOf(ChannelException.class)
        .hasMessageContaining("p = 'first' (partitionIdHeader) is not a partition number");
    tx.rollback();
    tx.close();
  }
}
