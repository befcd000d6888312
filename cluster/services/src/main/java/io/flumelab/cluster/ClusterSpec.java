package io.flumelab.cluster;

/**
 * What a cluster runs: HDFS or not, 0, 1 or 3 Kafka brokers, MySQL or not, gmond or not; and
 * whether the Kafka brokers create a topic on first use ({@code auto.create.topics.enable}, a
 * static broker setting, so it is fixed when they start).
 */
public record ClusterSpec(boolean hdfs, int kafkaBrokers, boolean kafkaAutoCreateTopics,
    boolean mysql, boolean ganglia) {

  public ClusterSpec {
    if (kafkaBrokers != 0 && kafkaBrokers != 1 && kafkaBrokers != 3) {
      throw new IllegalArgumentException("kafka must be 0, 1 or 3 brokers, not " + kafkaBrokers);
    }
    if (kafkaBrokers == 0 && !kafkaAutoCreateTopics) {
      throw new IllegalArgumentException("kafkaAutoCreateTopics = false sets up Kafka brokers, but "
          + "the spec runs none: add kafka = 1 or 3, or drop kafkaAutoCreateTopics");
    }
  }

  /** Kafka's brokers, if any, create topics on first use, as Kafka's default has it. */
  public ClusterSpec(boolean hdfs, int kafkaBrokers, boolean mysql, boolean ganglia) {
    this(hdfs, kafkaBrokers, true, mysql, ganglia);
  }

  /** Everything, as {@code flumelab up} runs it. */
  public static ClusterSpec everything() {
    return new ClusterSpec(true, 3, true, true);
  }
}
