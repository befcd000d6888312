package io.flumelab.labs.interceptors;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.KafkaBootstrap;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kafkatest.InterceptorProducer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Part (b): the student's two producer interceptors in real producers made from the student's
 * properties, against the three brokers. What the brokers hold is read back with Kafka's own
 * consumer; what CountInterceptor counted is what it prints when the producer closes it.
 */
@LabTest
@LabCluster(kafka = 3)
@DisplayName("Lab 15 (b): Kafka's producer interceptor chain")
class ProducerInterceptorsIT {

  static final List<String> CHAIN = List.of("kafkatest.KafkaInterceptor",
      "kafkatest.CountInterceptor");
  /** {@code <ms>:<value>}: one stamp, then the value as sent. */
  private static final Pattern STAMPED = Pattern.compile("^(\\d{10,}):(.*)$", Pattern.DOTALL);
  private static final String DROPS_FIELDS = "The notes' onSend returns new ProducerRecord<>("
      + "record.topic(), newValue): a record of topic and value only, so the key (and with it the "
      + "partition its hash picks), an explicit partition, the headers and the timestamp are lost. "
      + "Build the new record from every field: new ProducerRecord<>(record.topic(), "
      + "record.partition(), record.timestamp(), record.key(), newValue, record.headers()).";

  @Test
  @Order(1)
  @Points(15)
  @DisplayName("the producer chains KafkaInterceptor, then CountInterceptor: each value reaches the broker with one timestamp prefix, taken when it was sent")
  void eachValueCarriesOneTimestamp(@KafkaBootstrap String bootstrap, Admin admin)
      throws Exception {
    Properties properties = InterceptorProducer.properties(bootstrap);
    assertThat(chain(properties))
        .as("interceptor.classes of InterceptorProducer.properties, in order (the producer calls "
            + "each interceptor's onSend with what the one before returned)")
        .containsExactlyElementsOf(CHAIN);
    String topic = "stamped";
    TopicRecords.create(admin, topic, 3, Map.of());
    List<String> values = values("stamped", 20);

    long before = System.currentTimeMillis();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      values.forEach(value -> producer.send(new ProducerRecord<>(topic, value)));
      producer.flush();
    }
    long after = System.currentTimeMillis();

    List<ConsumerRecord<String, String>> read = TopicRecords.all(bootstrap, admin, topic, 3);
    assertThat(read).as("the records in %s: one per send", topic).hasSize(values.size());
    List<String> unstamped = new ArrayList<>();
    for (ConsumerRecord<String, String> record : read) {
      Matcher stamped = STAMPED.matcher(record.value());
      assertThat(stamped.matches()).as("the value '%s' in %s: <System.currentTimeMillis()>:<the "
          + "value sent>, which KafkaInterceptor's onSend makes", record.value(), topic).isTrue();
      assertThat(Long.parseLong(stamped.group(1))).as("the timestamp of '%s': the time onSend ran, "
          + "between %d and %d", record.value(), before, after).isBetween(before, after);
      assertThat(STAMPED.matcher(stamped.group(2)).matches()).as("'%s' carries two timestamps: "
          + "KafkaInterceptor runs once per record (listed once in interceptor.classes, and the "
          + "producer's caller adds none)", record.value()).isFalse();
      unstamped.add(stamped.group(2));
    }
    assertThat(unstamped).as("the values in %s without their timestamps", topic)
        .containsExactlyInAnyOrderElementsOf(values);
  }

  @Test
  @Order(2)
  @Points(15)
  @DisplayName("records keep their key, partition, headers and timestamp through the chain")
  void recordsKeepTheirFields(@KafkaBootstrap String bootstrap, Admin admin) throws Exception {
    String topic = "kept";
    TopicRecords.create(admin, topic, 3, Map.of());
    Map<String, ProducerRecord<String, String>> sent = new HashMap<>();
    for (String key : List.of("user-1", "user-2", "user-7", "user-9")) {
      values(key, 4).forEach(v -> sent.put(v, new ProducerRecord<>(topic, key, v)));
    }
    values("to-partition-2", 4).forEach(v -> sent.put(v, new ProducerRecord<>(topic, 2, null, v)));
    values("with-header", 4).forEach(v -> sent.put(v, new ProducerRecord<>(topic, null, null, (String) null,
        v, new RecordHeaders().add("trace", ("trace-" + v).getBytes(StandardCharsets.UTF_8)))));
    long anHourAgo = System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1);
    List<String> dated = values("dated", 4);
    for (int i = 0; i < dated.size(); i++) {
      sent.put(dated.get(i), new ProducerRecord<>(topic, null, anHourAgo + i, null, dated.get(i)));
    }

    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(InterceptorProducer.properties(bootstrap))) {
      sent.values().forEach(producer::send);
      producer.flush();
    }

    Map<String, ConsumerRecord<String, String>> read = new HashMap<>();
    for (ConsumerRecord<String, String> record : TopicRecords.all(bootstrap, admin, topic, 3)) {
      Matcher stamped = STAMPED.matcher(record.value());
      assertThat(stamped.matches()).as("the value '%s' in %s: <timestamp>:<value> (is "
          + "KafkaInterceptor in the chain?)", record.value(), topic).isTrue();
      read.put(stamped.group(2), record);
    }
    assertThat(read.keySet()).as("the values in %s, timestamps taken off", topic)
        .containsExactlyInAnyOrderElementsOf(sent.keySet());
    sent.forEach((value, record) -> {
      ConsumerRecord<String, String> written = read.get(value);
      assertThat(written.key()).as("the key of '%s'. %s", value, DROPS_FIELDS)
          .isEqualTo(record.key());
      int partition = record.partition() != null ? record.partition()
          : record.key() != null ? partitionOf(record.key(), 3) : written.partition();
      assertThat(written.partition()).as("the partition of '%s' (%s). %s", value,
          record.partition() != null ? "sent to partition " + record.partition()
              : "key " + record.key() + ": murmur2 of the key, modulo 3", DROPS_FIELDS)
          .isEqualTo(partition);
      for (Header header : record.headers()) {
        assertThat(written.headers().lastHeader(header.key())).as("header %s of '%s'. %s",
            header.key(), value, DROPS_FIELDS).isNotNull()
            .extracting(Header::value).isEqualTo(header.value());
      }
      if (record.timestamp() != null) {
        assertThat(written.timestamp()).as("the timestamp of '%s', sent with %d. %s", value,
            record.timestamp(), DROPS_FIELDS).isEqualTo(record.timestamp());
      }
    });
  }

  @Test
  @Order(3)
  @Points(10)
  @DisplayName("close() prints success= and error= counts: records over the topic's max.message.bytes or the producer's max.request.size are errors")
  void closeReportsSuccessesAndErrors(@KafkaBootstrap String bootstrap, Admin admin)
      throws Exception {
    String topic = "limited";
    TopicRecords.create(admin, topic, 3, Map.of("max.message.bytes", "4096"));
    Properties properties = InterceptorProducer.properties(bootstrap);
    properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "65536");
    Outcomes outcomes = new Outcomes();

    KafkaProducer<String, String> producer = new KafkaProducer<>(properties);
    CloseReport report;
    try {
      values("fits", 20).forEach(v -> producer.send(new ProducerRecord<>(topic, v), outcomes));
      producer.flush();
      for (int i = 0; i < 3; i++) {
        // alone in its batch: the brokers refuse it (RecordTooLargeException in the answer)
        producer.send(new ProducerRecord<>(topic, "x".repeat(10_000)), outcomes);
        producer.flush();
      }
      for (int i = 0; i < 2; i++) {
        // refused by the producer itself, inside send()
        producer.send(new ProducerRecord<>(topic, "y".repeat(100_000)), outcomes);
      }
    } finally {
      report = CloseReport.closing(producer);
    }

    assertThat(outcomes.succeeded.get()).as("records the brokers acknowledged (the test's "
        + "callbacks; failures: %s)", outcomes.failures).isEqualTo(20);
    assertThat(outcomes.failed.get()).as("records that failed (the test's callbacks: %s)",
        outcomes.failures).isEqualTo(5);
    assertThat(outcomes.failures).as("why records failed (the test's callbacks)")
        .containsOnlyKeys(RecordTooLargeException.class.getName());
    assertCounts(report, 20, 5);
  }

  @Test
  @Order(4)
  @Points(10)
  @DisplayName("the counts stay exact while four threads send at once: failures counted on each sending thread, successes on the producer's I/O thread")
  void theCountsStayExactUnderThreads(@KafkaBootstrap String bootstrap, Admin admin)
      throws Exception {
    String topic = "busy";
    TopicRecords.create(admin, topic, 3, Map.of());
    Properties properties = InterceptorProducer.properties(bootstrap);
    properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "10000");
    int threads = 4;
    int failuresEach = 10_000;
    int successesEach = 250;
    String tooLarge = "z".repeat(20_000);
    Outcomes outcomes = new Outcomes();

    KafkaProducer<String, String> producer = new KafkaProducer<>(properties);
    CloseReport report;
    ExecutorService senders = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String sender = "sender-" + t;
        running.add(senders.submit(() -> {
          for (int i = 0; i < failuresEach; i++) {
            producer.send(new ProducerRecord<>(topic, tooLarge), outcomes);
            if (i % (failuresEach / successesEach) == 0) {
              producer.send(new ProducerRecord<>(topic, sender + "-" + i), outcomes);
            }
          }
        }));
      }
      for (Future<?> done : running) {
        done.get(120, TimeUnit.SECONDS);
      }
    } finally {
      senders.shutdownNow();
      report = CloseReport.closing(producer);
    }

    long successes = (long) threads * successesEach;
    long failures = (long) threads * failuresEach;
    assertThat(outcomes.succeeded.get()).as("records the brokers acknowledged (the test's "
        + "callbacks; failures: %s)", outcomes.failures).isEqualTo(successes);
    assertThat(outcomes.failed.get()).as("records that failed (the test's callbacks: %s)",
        outcomes.failures).isEqualTo(failures);
    assertCounts(report, successes, failures);
  }

  private static void assertCounts(CloseReport report, long successes, long failures) {
    List<String> faults = new ArrayList<>();
    if (report.error() == 0 && report.success() > successes) {
      faults.add("CountInterceptor counted the failed records as successes: Kafka's producer "
          + "passes onAcknowledgement a metadata object for a failed record too (offset -1), so "
          + "the notes' metadata != null is true for every record. Decide by the exception: "
          + "exception == null is a success, anything else an error.");
    }
    if (report.success() + report.error() < successes + failures) {
      faults.add("CountInterceptor lost " + (successes + failures - report.success()
          - report.error()) + " counts: the producer calls onAcknowledgement on its I/O thread "
          + "and, for a record that fails inside send(), on the sending thread, several at once. "
          + "count++ on an int is a read, an add and a write; two threads that read the same "
          + "value both write it plus one. Count with AtomicLong (incrementAndGet) or LongAdder.");
    }
    String diagnosis = faults.isEmpty()
        ? "Each acknowledged record is one success, each failed one an error."
        : String.join(" ", faults);
    assertThat(List.of(report.success(), report.error()))
        .as("success and error as CountInterceptor printed them at close(), against %d records "
            + "acknowledged and %d failed. %s", successes, failures, diagnosis)
        .containsExactly(successes, failures);
  }

  /** The class names of interceptor.classes, whichever way the properties give them. */
  private static List<String> chain(Properties properties) {
    Object value = properties.get(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
    List<?> items = value instanceof List<?> list ? list
        : value instanceof String text ? Arrays.asList(text.split(","))
        : value == null ? List.of() : List.of(value);
    return items.stream().map(item -> item instanceof Class<?> type ? type.getName()
        : String.valueOf(item).strip()).filter(name -> !name.isEmpty()).toList();
  }

  private static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private static List<String> values(String prefix, int count) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(prefix + "-" + i);
    }
    return values;
  }

  /** The test's own callback: what really happened to each record. */
  private static final class Outcomes implements Callback {
    final AtomicLong succeeded = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    /** The kinds of exception seen, each with one message: a count alone would not say why. */
    final Map<String, String> failures = new ConcurrentHashMap<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      if (exception == null) {
        succeeded.incrementAndGet();
      } else {
        failed.incrementAndGet();
        failures.putIfAbsent(exception.getClass().getName(), String.valueOf(exception.getMessage()));
      }
    }
  }
}
