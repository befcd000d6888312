package io.flumelab.benchmarks;

import io.flumelab.benchmarks.AgentJvm.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topic a Kafka run writes to: new for each run, so that no run reads another's backlog, with
 * 3 partitions and 2 replicas so that acks=all waits for a follower as it would in the course.
 */
final class BenchTopic {

  static final String BROKERS = "flumelab.bench.kafka";
  private static final String COURSE_BROKERS = "hadoop102:9092,hadoop103:9092,hadoop105:9092";

  private BenchTopic() {}

  /**
   * More keys for both agents' Kafka sink, {@code -Dflumelab.bench.kafkaSink=key=value,...}
   * (keys under the sink, e.g. {@code kafka.producer.batch.size=262144}), as property lines.
   */
  static String extraSinkSettings() {
    String extra = System.getProperty("flumelab.bench.kafkaSink", "").strip();
    if (extra.isEmpty()) {
      return "";
    }
    return String.join("\n", java.util.Arrays.stream(extra.split(","))
        .map(pair -> "a1.sinks.k1." + pair.strip()).toList());
  }

  static String bootstrapServers() {
    return System.getProperty(BROKERS, COURSE_BROKERS);
  }

  static String create(Kind kind) throws InterruptedException, ExecutionException,
      TimeoutException {
    String name = "bench-" + kind.name().toLowerCase(Locale.ROOT) + "-" + System.nanoTime();
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(name, 3, (short) 2))).all()
          .get(60, TimeUnit.SECONDS);
    }
    return name;
  }

  static void delete(String name) throws InterruptedException, ExecutionException,
      TimeoutException {
    try (Admin admin = admin()) {
      admin.deleteTopics(List.of(name)).all().get(60, TimeUnit.SECONDS);
    }
  }

  private static Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }
}
