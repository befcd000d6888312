package io.flumelab.cluster.kafka.interop;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What the brokers say about a topic and a consumer group, for tests to count with. */
final class Topics {

  private Topics() {}

  static void create(Admin admin, String topic, int partitions, int replicas) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) replicas))).all()
        .get(30, TimeUnit.SECONDS);
  }

  /** Each partition's end offset. */
  static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
    Set<TopicPartition> partitions = admin.describeTopics(Set.of(topic)).allTopicNames()
        .get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
        .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
    return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p,
        p -> OffsetSpec.latest()))).all().get(30, TimeUnit.SECONDS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /**
   * How many records the topic holds. The producers here are not transactional and nothing is
   * deleted, so a partition's end offset is its number of records.
   */
  static long records(Admin admin, String topic) throws Exception {
    return endOffsets(admin, topic).values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Whether the group committed every partition up to its end: the source has put everything in
   * its channel (both sources commit only after the channel did), and will read nothing again.
   */
  static boolean consumedToEnd(Admin admin, String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    return endOffsets(admin, topic).entrySet().stream().allMatch(end -> end.getValue() == 0
        || committed.get(end.getKey()) != null
        && committed.get(end.getKey()).offset() == end.getValue());
  }
}
