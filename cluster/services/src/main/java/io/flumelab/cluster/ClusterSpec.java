package io.flumelab.cluster;

/**
 * What a cluster runs: HDFS or not, 0, 1 or 3 Kafka brokers, MySQL or not, gmond or not.
 */
public record ClusterSpec(boolean hdfs, int kafkaBrokers, boolean mysql, boolean ganglia) {

  public ClusterSpec {
    if (kafkaBrokers != 0 && kafkaBrokers != 1 && kafkaBrokers != 3) {
      throw new IllegalArgumentException("kafka must be 0, 1 or 3 brokers, not " + kafkaBrokers);
    }
  }

  /** Everything, as {@code flumelab up} runs it. */
  public static ClusterSpec everything() {
    return new ClusterSpec(true, 3, true, true);
  }
}
