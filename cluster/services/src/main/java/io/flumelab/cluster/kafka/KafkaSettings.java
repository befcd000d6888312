package io.flumelab.cluster.kafka;

import io.flumelab.cluster.ServiceException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** What every FlumeLab Kafka node has, whatever runs it, and the wait until all have joined. */
public final class KafkaSettings {

  private KafkaSettings() {}

  /**
   * Combined broker+controller nodes sized for a laptop: internal topics replicated to every node
   * (at most 3), no rebalance delay, few threads. Listeners, node id, voters and log directory are
   * the backend's to set. {@code autoCreateTopics} is {@code auto.create.topics.enable}: whether a
   * producer's or consumer's first request for an unknown topic creates it (Kafka's default).
   */
  public static Properties shared(int brokerCount, boolean autoCreateTopics) {
    Properties p = new Properties();
    // set either way, so that a broker's configuration shows which the cluster runs with
    p.setProperty("auto.create.topics.enable", String.valueOf(autoCreateTopics));
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    String replication = String.valueOf(Math.min(3, brokerCount));
    p.setProperty("offsets.topic.replication.factor", replication);
    p.setProperty("offsets.topic.num.partitions", "5");
    p.setProperty("transaction.state.log.replication.factor", replication);
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", replication);
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // small footprint: two cores and a few hundred MB for everything
    p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
    p.setProperty("log.cleaner.threads", "1");
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "2");
    p.setProperty("background.threads", "2");
    p.setProperty("num.recovery.threads.per.data.dir", "1");
    p.setProperty("num.replica.fetchers", "1");
    p.setProperty("socket.request.max.bytes", String.valueOf(100 * 1024 * 1024));
    return p;
  }

  /** Waits until every broker of {@code kafka} is in the cluster's metadata. */
  public static void awaitBrokersRegistered(KafkaService kafka, Duration timeout) {
    try (Admin admin = kafka.newAdmin()) {
      Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
          .until(() -> admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size()
              == kafka.brokerCount());
    } catch (ConditionTimeoutException e) {
      throw new ServiceException("Kafka brokers did not all register within "
          + timeout.toSeconds() + " s", "look for errors in the log above", e);
    }
  }
}
