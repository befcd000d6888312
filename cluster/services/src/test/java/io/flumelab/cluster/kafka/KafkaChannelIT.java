package io.flumelab.cluster.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.ChannelException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.Transaction;
import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.junit.KafkaBootstrap;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.LocalFiles;
import io.flumelab.kafka.KafkaChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kafka channel against the course's three real brokers. */
@LabCluster(kafka = 3)
class KafkaChannelIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir
  Path dir;

  /** The sink's side: takes run on a thread of their own, as a sink runner's do. */
  private final ExecutorService sinkThread = Executors.newSingleThreadExecutor();
  private final List<KafkaChannel> channels = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    sinkThread.shutdownNow();
    sinkThread.awaitTermination(30, TimeUnit.SECONDS);
    channels.forEach(KafkaChannel::stop);
  }

  private KafkaChannel channel(String bootstrap, String topic, String group, String... more) {
    Map<String, String> settings = new LinkedHashMap<>(Map.of("kafka.bootstrap.servers",
        bootstrap, "kafka.topic", topic, "kafka.consumer.group.id", group, "pollTimeout", "200"));
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    KafkaChannel channel = new KafkaChannel();
    channel.setName("c1");
    channel.configure(new Context(settings));
    channel.start();
    channels.add(channel);
    return channel;
  }

  /** Events "e-0".. with a sequence header and one of seven keys. */
  private static List<Event> events(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> EventBuilder.withBody("e-" + i,
        StandardCharsets.UTF_8, Map.of("key", "user-" + (i % 7), "seq", String.valueOf(i))))
        .toList();
  }

  private static String body(Event event) {
    return new String(event.getBody(), StandardCharsets.UTF_8);
  }

  /** One put transaction, committed. */
  private static void put(KafkaChannel channel, List<Event> events) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    try {
      events.forEach(channel::put);
      tx.commit();
    } catch (RuntimeException e) {
      tx.rollback();
      throw e;
    } finally {
      tx.close();
    }
  }

  /** One take transaction of up to {@code max} events, committed or rolled back. */
  private static List<Event> take(KafkaChannel channel, int max, boolean commit) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    List<Event> taken = new ArrayList<>();
    try {
      for (Event e; taken.size() < max && (e = channel.take()) != null; ) {
        taken.add(e);
      }
      if (commit) {
        tx.commit();
      } else {
        tx.rollback();
      }
    } catch (RuntimeException e) {
      tx.rollback();
      throw e;
    } finally {
      tx.close();
    }
    return taken;
  }

  private <T> T onSinkThread(Callable<T> work) throws Exception {
    return sinkThread.submit(work).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void eventsPutAreTakenExactlyOnceWithTheirHeaders(@KafkaBootstrap String bootstrap,
      Admin admin) throws Exception {
    TopicReader.create(admin, "ch-once", 3, 2);
    KafkaChannel channel = channel(bootstrap, "ch-once", "g-once");
    for (int from = 0; from < 500; from += 100) {
      put(channel, events(from, from + 100));
    }
    List<Event> taken = new ArrayList<>();
    Awaitility.await().atMost(WAIT).until(() -> {
      taken.addAll(onSinkThread(() -> take(channel, 100, true)));
      return taken.size() >= 500;
    });

    assertThat(taken).extracting(KafkaChannelIT::body).hasSize(500)
        .containsExactlyInAnyOrderElementsOf(events(0, 500).stream().map(KafkaChannelIT::body)
            .toList());
    assertThat(taken).allSatisfy(e -> assertThat(e.getHeaders())
        .containsEntry("seq", body(e).substring(2))
        .containsEntry("key", "user-" + Integer.parseInt(body(e).substring(2)) % 7));
    assertThat(committed(admin, "g-once", "ch-once")).isEqualTo(500);
    assertThat(channel.getCounter().getEventPutSuccessCount()).isEqualTo(500);
    assertThat(channel.getCounter().getEventTakeSuccessCount()).isEqualTo(500);
    // the agent restarts: its new channel goes on after what was taken, not from the start
    channel.stop();
    KafkaChannel restarted = channel(bootstrap, "ch-once", "g-once");
    put(restarted, events(500, 505));
    List<Event> more = new ArrayList<>();
    Awaitility.await().atMost(WAIT).until(() -> {
      more.addAll(onSinkThread(() -> take(restarted, 100, true)));
      return more.size() >= 5;
    });
    assertThat(more).extracting(KafkaChannelIT::body)
        .containsExactlyInAnyOrder("e-500", "e-501", "e-502", "e-503", "e-504");
  }

  @Test
  void aRolledBackTakeIsTakenAgainInOrderAndARolledBackPutSendsNothing(
      @KafkaBootstrap String bootstrap, Admin admin) throws Exception {
    TopicReader.create(admin, "ch-rollback", 1, 1);
    KafkaChannel channel = channel(bootstrap, "ch-rollback", "g-rollback");
    put(channel, events(0, 10));
    Transaction rolledBack = channel.getTransaction();
    rolledBack.begin();
    events(10, 15).forEach(channel::put);
    rolledBack.rollback();
    rolledBack.close();

    List<Event> first = new ArrayList<>();
    Awaitility.await().atMost(WAIT).until(() -> {
      first.addAll(onSinkThread(() -> take(channel, 100, false)));
      return !first.isEmpty();
    });
    List<Event> again = new ArrayList<>();
    Awaitility.await().atMost(WAIT).until(() -> {
      again.addAll(onSinkThread(() -> take(channel, 100, true)));
      return !again.isEmpty();
    });
    List<Event> after = new ArrayList<>();
    Awaitility.await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> {
      after.addAll(onSinkThread(() -> take(channel, 100, true)));
      return after.isEmpty();
    });

    assertThat(first).extracting(KafkaChannelIT::body)
        .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "e-" + i).toList());
    assertThat(again).extracting(KafkaChannelIT::body).as("the rolled-back take, again")
        .containsExactlyElementsOf(first.stream().map(KafkaChannelIT::body).toList());
    assertThat(after).as("nothing after the committed take: the rolled-back put sent nothing")
        .isEmpty();
    assertThat(committed(admin, "g-rollback", "ch-rollback")).isEqualTo(10);
    assertThat(channel.getCounter().get("RollbackCount")).isEqualTo(10);
  }

  @Test
  void aSinkThreadThatEndedLeavesItsPartitionsToTheNextOne(@KafkaBootstrap String bootstrap,
      Admin admin) throws Exception {
    TopicReader.create(admin, "ch-orphan", 1, 1);
    KafkaChannel channel = channel(bootstrap, "ch-orphan", "g-orphan");
    put(channel, events(0, 10));
    ExecutorService firstSinkThread = Executors.newSingleThreadExecutor();
    List<Event> taken = new ArrayList<>();
    Awaitility.await().atMost(WAIT).until(() -> {
      taken.addAll(firstSinkThread.submit(() -> take(channel, 100, true)).get());
      return taken.size() >= 10;
    });
    firstSinkThread.shutdown(); // a sink runner restarted: its thread ends, its consumer stays
    assertThat(firstSinkThread.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    put(channel, events(10, 20));
    // without the first consumer leaving the group, the next waits out max.poll.interval.ms
    Awaitility.await().atMost(WAIT).until(() -> {
      taken.addAll(onSinkThread(() -> take(channel, 100, true)));
      return taken.size() >= 20;
    });
    assertThat(taken).extracting(KafkaChannelIT::body).containsExactlyElementsOf(
        events(0, 20).stream().map(KafkaChannelIT::body).toList());
  }

  @Test
  void aRecordAnotherProgramWroteBecomesTheBodyOfAnEvent(@KafkaBootstrap String bootstrap,
      Admin admin) throws Exception {
    TopicReader.create(admin, "ch-foreign", 1, 1);
    KafkaChannel channel = channel(bootstrap, "ch-foreign", "g-foreign");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
      producer.send(new ProducerRecord<>("ch-foreign", "k", "typed at a console")).get();
    }
    put(channel, events(0, 1));
    List<Event> taken = new ArrayList<>();
    Awaitility.await().atMost(WAIT).until(() -> {
      taken.addAll(onSinkThread(() -> take(channel, 100, true)));
      return taken.size() >= 2;
    });
    assertThat(taken).extracting(KafkaChannelIT::body)
        .containsExactly("typed at a console", "e-0");
    assertThat(taken.get(0).getHeaders()).containsEntry("key", "k");
  }

  @Test
  void anAgentDeliversEveryEventOnceThroughTheChannel(@KafkaBootstrap String bootstrap,
      Admin admin, LabAgents agents) throws Exception {
    TopicReader.create(admin, "ch-agent", 3, 2);
    int total = 2000;
    Path out = Files.createDirectories(dir.resolve("out"));
    Path job = Files.writeString(dir.resolve("kafka-channel.conf"), String.join("\n",
        "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1",
        "a1.sources.r1.type = seq", "a1.sources.r1.totalEvents = " + total,
        "a1.sources.r1.channels = c1",
        "a1.channels.c1.type = org.apache.flume.channel.kafka.KafkaChannel",
        "a1.channels.c1.kafka.bootstrap.servers = " + bootstrap,
        "a1.channels.c1.kafka.topic = ch-agent",
        "a1.channels.c1.kafka.consumer.group.id = g-agent",
        "a1.sinks.k1.type = file_roll", "a1.sinks.k1.sink.directory = " + out,
        "a1.sinks.k1.channel = c1", ""));
    agents.start("a1", job);
    Awaitility.await().atMost(WAIT).until(() -> LocalFiles.lines(out).size() >= total);
    assertThat(LocalFiles.lines(out)).containsExactlyInAnyOrderElementsOf(
        IntStream.range(0, total).mapToObj(String::valueOf).toList());
    // the sink commits its take after file_roll wrote the batch: the offsets follow
    Awaitility.await().atMost(WAIT).until(() -> committed(admin, "g-agent", "ch-agent") == total);
  }

  @Test
  void aBrokerStoppedAndRestartedMidStreamLosesNoEvent(@KafkaBootstrap String bootstrap,
      Admin admin, KafkaService kafka) throws Exception {
    TopicReader.create(admin, "ch-failover", 3, 2);
    int total = 6000;
    LabHost leader = TopicReader.leaderOf(admin, "ch-failover");
    KafkaChannel channel = channel(bootstrap, "ch-failover", "g-failover");
    List<Event> taken = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    CompletableFuture<Integer> failedPuts = CompletableFuture.supplyAsync(
        () -> putAsASourceDoes(channel, total));
    sinkThread.submit(() -> {
      while (running.get()) {
        try {
          taken.addAll(take(channel, 100, true));
        } catch (ChannelException e) {
          // as a sink: the transaction rolled back, take again
        }
      }
    });
    try {
      Awaitility.await().atMost(WAIT).until(() -> taken.size() >= 1000);
      kafka.stopBroker(leader);
      try {
        Awaitility.await().atMost(WAIT).until(() -> taken.size() >= 3000);
      } finally {
        kafka.startBroker(leader);
      }
      int failed = failedPuts.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      Awaitility.await().atMost(WAIT).until(() -> distinct(taken).size() >= total);
      running.set(false);
      Set<String> seen = distinct(taken);
      long lost = IntStream.range(0, total).filter(i -> !seen.contains("e-" + i)).count();
      long duplicated;
      synchronized (taken) {
        duplicated = taken.size() - seen.size();
      }
      System.out.printf("kafka channel, broker %s stopped and restarted mid-stream: %d events, "
          + "%d taken, lost %d, duplicated %d, put commits failed and retried %d%n",
          leader.name(), total, taken.size(), lost, duplicated, failed);
      assertThat(lost).as("events lost").isZero();
    } finally {
      running.set(false);
    }
    Awaitility.await().atMost(WAIT).ignoreExceptions().until(() ->
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 3);
  }

  /** Puts 100 events per transaction; a failed commit is rolled back and retried, as a source. */
  private static int putAsASourceDoes(KafkaChannel channel, int total) {
    int failed = 0;
    for (int from = 0; from < total; from += 100) {
      while (true) {
        try {
          put(channel, events(from, from + 100));
          break;
        } catch (ChannelException e) {
          failed++;
          pace(); // a source backs off before it retries
        }
      }
      pace(); // a steady stream, so the broker stops while events flow
    }
    return failed;
  }

  private static Set<String> distinct(List<Event> events) {
    synchronized (events) {
      Set<String> bodies = new HashSet<>();
      events.forEach(e -> bodies.add(body(e)));
      return bodies;
    }
  }

  private static long committed(Admin admin, String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
        .mapToLong(e -> e.getValue().offset()).sum();
  }

  private static void pace() {
    try {
      Thread.sleep(40);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
