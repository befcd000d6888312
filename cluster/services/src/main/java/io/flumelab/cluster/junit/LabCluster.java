package io.flumelab.cluster.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the services a test class needs, once for the class, and stops them after it:
 * {@code @LabCluster(hdfs = true, kafka = 3, mysql = true, ganglia = true)}. Test methods (and
 * {@code @BeforeAll}/{@code @BeforeEach} methods) may take the clients as parameters: Hadoop's
 * {@code FileSystem}, Kafka's {@code Admin}, a {@code @KafkaBootstrap String}, a JDBC
 * {@code DataSource}, {@link io.flumelab.cluster.ganglia.GmondXml}, the services themselves, the
 * {@link io.flumelab.cluster.Cluster}, and {@link LabAgents} to start agents on the course's hosts.
 *
 * <p>Each class gets services of its own, started before its first test and stopped after its
 * last, so what one class declares (such as {@code kafkaAutoCreateTopics = false}) never affects
 * another.
 *
 * <p>A service that cannot run here (no program installed, no fallback) skips the class with what
 * to install; in CI ({@code CI=true}) it fails instead, since nothing may be skipped there.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(LabClusterExtension.class)
public @interface LabCluster {

  boolean hdfs() default false;

  /** 0 (no Kafka), 1 broker on hadoop102, or 3 on hadoop102, hadoop103 and hadoop105. */
  int kafka() default 0;

  /**
   * Whether the Kafka brokers create a topic the first time a producer or consumer asks for it
   * ({@code auto.create.topics.enable}, Kafka's default: true). With {@code false}, a record sent
   * to a topic nobody created fails: the brokers answer the producer's metadata requests
   * {@code UNKNOWN_TOPIC_OR_PARTITION}, and once {@code max.block.ms} has passed the record's
   * callback gets a {@code TimeoutException} "Topic ... not present in metadata". Topics
   * created with {@code Admin} (or {@code kafka-topics.sh --create}), and Kafka's internal topics
   * such as {@code __consumer_offsets}, work either way. A broker reads the setting when it
   * starts, so it holds for the whole class; it needs {@code kafka = 1} or {@code 3}.
   */
  boolean kafkaAutoCreateTopics() default true;

  boolean mysql() default false;

  boolean ganglia() default false;
}
