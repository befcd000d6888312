package io.flumelab.kafka;

import io.flumelab.api.ConfigurationException;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;

/**
 * Flume's ZooKeeper keys of its Kafka source and channel, declared so that {@code check} knows
 * them, and refused: Kafka's clients today find the brokers and keep offsets without ZooKeeper,
 * and the course's brokers run in KRaft mode, so a job that sets them was written for Kafka 0.x.
 */
final class ZooKeeperKeys {

  static final Setting<String> ZOOKEEPER_CONNECT = Setting.string("zookeeperConnect")
      .doc("refused: Kafka's clients do not use ZooKeeper; use kafka.bootstrap.servers");
  static final Setting<Boolean> MIGRATE_ZOOKEEPER_OFFSETS =
      Setting.bool("migrateZookeeperOffsets").defaultValue(false)
          .doc("true is refused: the course's KRaft brokers have no ZooKeeper to migrate from");

  private ZooKeeperKeys() {}

  /** Throws, naming the key and the fix, when the settings use ZooKeeper. */
  static void refuse(Settings settings, String owner, Setting<String> bootstrapServers) {
    if (settings.get(ZOOKEEPER_CONNECT) != null) {
      throw new ConfigurationException(ZOOKEEPER_CONNECT.key(), owner + ": Kafka's clients "
          + "find the brokers themselves and keep offsets in Kafka, not ZooKeeper",
          "Remove " + ZOOKEEPER_CONNECT.key() + " and set " + bootstrapServers.key() + " = "
              + BootstrapServers.COURSE);
    }
    if (settings.get(MIGRATE_ZOOKEEPER_OFFSETS)) {
      throw new ConfigurationException(MIGRATE_ZOOKEEPER_OFFSETS.key(), owner
          + ": there are no ZooKeeper offsets to migrate (the course's brokers run in KRaft mode)",
          "Remove " + MIGRATE_ZOOKEEPER_OFFSETS.key() + "; offsets are kept by Kafka");
    }
  }
}
