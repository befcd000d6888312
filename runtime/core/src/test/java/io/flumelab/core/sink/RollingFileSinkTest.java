package io.flumelab.core.sink;

import static io.flumelab.core.sink.SwitchableSink.put;
import static io.flumelab.core.sink.SwitchableSink.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Sink.Status;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.spi.SinkCounter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollingFileSinkTest {

  @TempDir
  Path temp;

  private final MemoryChannel channel = SwitchableSink.channel(10_000);
  private final AtomicLong clock = new AtomicLong();
  private RollingFileSink sink;

  @AfterEach
  void tearDown() {
    if (sink != null) {
      sink.stop();
    }
    channel.stop();
  }

  private RollingFileSink start(Path dir, String... settings) {
    Map<String, String> map = new HashMap<>();
    map.put("sink.directory", dir.toString());
    for (int i = 0; i < settings.length; i += 2) {
      map.put(settings[i], settings[i + 1]);
    }
    sink = new RollingFileSink();
    sink.setName("k1");
    sink.setChannel(channel);
    sink.configure(new Context(map));
    sink.start();
    return sink;
  }

  private RollingFileSink startWithClock(Path dir, String... settings) {
    RollingFileSink s = start(dir, settings);
    s.setNanoClock(clock::get);
    return s;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted(Comparator.comparing(RollingFileSinkTest::index)).toList();
    }
  }

  private static int index(Path file) {
    String name = file.getFileName().toString().replaceAll("\\..*$", "");
    return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  @Test
  void writesOneLinePerEventInBatchesAndCountsThem() throws Exception {
    start(temp, "sink.batchSize", "3");
    put(channel, range("e", 0, 7));

    assertThat(sink.process()).isEqualTo(Status.READY);
    assertThat(sink.process()).isEqualTo(Status.READY);
    assertThat(sink.process()).isEqualTo(Status.READY);
    assertThat(sink.process()).isEqualTo(Status.BACKOFF);

    List<Path> files = files(temp);
    assertThat(files).hasSize(1);
    assertThat(files.get(0).getFileName().toString()).matches("\\d{13}-1");
    assertThat(Files.readString(files.get(0))).isEqualTo("e0\ne1\ne2\ne3\ne4\ne5\ne6\n");
    SinkCounter counter = sink.getCounter();
    assertThat(counter.getEventDrainAttemptCount()).isEqualTo(7);
    assertThat(counter.getEventDrainSuccessCount()).isEqualTo(7);
    assertThat(counter.get("BatchCompleteCount")).isEqualTo(2);
    assertThat(counter.get("BatchUnderflowCount")).isEqualTo(1);
    assertThat(counter.getBatchEmptyCount()).isEqualTo(1);
    assertThat(counter.get("ConnectionCreatedCount")).isEqualTo(1);
    assertThat(channel.size()).isZero();
  }

  @Test
  void eachBatchIsInTheFileWhenItsTransactionCommits() throws Exception {
    start(temp, "sink.batchSize", "5");
    put(channel, range("e", 0, 8));

    sink.process();

    assertThat(lines(files(temp).get(0))).containsExactlyElementsOf(range("e", 0, 5));
    assertThat(channel.size()).isEqualTo(3);
  }

  @Test
  void prefixAndExtensionShapeTheNames() throws Exception {
    start(temp, "sink.pathManager.prefix", "app-", "sink.pathManager.extension", "log");
    put(channel, range("e", 0, 1));

    sink.process();

    assertThat(files(temp)).singleElement()
        .satisfies(f -> assertThat(f.getFileName().toString()).matches("app-\\d{13}-1\\.log"));
  }

  @Test
  void appendNewlineFalseWritesBodiesBackToBack() throws Exception {
    start(temp, "sink.serializer", "text", "sink.serializer.appendNewline", "false");
    put(channel, List.of("a", "b", "c"));

    sink.process();

    assertThat(Files.readString(files(temp).get(0))).isEqualTo("abc");
  }

  @Test
  void rollsToANewFileOnceTheIntervalHasPassed() throws Exception {
    start(temp, "sink.rollInterval", "1");
    put(channel, List.of("first"));
    sink.process();
    Path first = sink.currentFile();

    await().atMost(Duration.ofSeconds(5))
        .until(() -> sink.process() == Status.BACKOFF && sink.currentFile() == null);
    put(channel, List.of("second"));
    sink.process();

    List<Path> files = files(temp);
    assertThat(files).hasSize(2);
    assertThat(files.get(0)).isEqualTo(first);
    assertThat(lines(files.get(0))).containsExactly("first");
    assertThat(lines(files.get(1))).containsExactly("second");
    assertThat(files.get(1).getFileName().toString()).endsWith("-2");
    assertThat(sink.getCounter().get("ConnectionClosedCount")).isEqualTo(1);
  }

  @Test
  void anIdleSinkLeavesNoEmptyFiles() throws Exception {
    startWithClock(temp, "sink.rollInterval", "30");
    put(channel, List.of("a"));
    sink.process();

    for (int i = 0; i < 5; i++) {
      clock.addAndGet(TimeUnit.SECONDS.toNanos(30));
      sink.process();
    }

    assertThat(files(temp)).hasSize(1);
    assertThat(sink.currentFile()).isNull();
  }

  @Test
  void rollIntervalZeroNeverRolls() throws Exception {
    startWithClock(temp, "sink.rollInterval", "0");

    for (int i = 0; i < 5; i++) {
      put(channel, List.of("e" + i));
      sink.process();
      clock.addAndGet(TimeUnit.DAYS.toNanos(1));
    }

    assertThat(files(temp)).singleElement().satisfies(f -> assertThat(lines(f)).containsExactlyElementsOf(range("e", 0, 5)));
  }

  @Test
  void stoppingClosesTheFile() throws Exception {
    start(temp);
    put(channel, List.of("a"));
    sink.process();

    sink.stop();

    assertThat(sink.getCounter().get("ConnectionClosedCount")).isEqualTo(1);
    assertThat(lines(files(temp).get(0))).containsExactly("a");
    sink = null;
  }

  @Test
  void aMissingDirectoryIsAConfigurationErrorThatSaysHowToCreateIt() {
    Path missing = temp.resolve("datas/flume3");

    assertThatThrownBy(() -> start(missing))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.getKey()).isEqualTo("sink.directory");
          assertThat(e.getMessage()).contains("File roll sink k1").contains(missing + " does not exist");
          assertThat(e.getFix()).isEqualTo("Create it: mkdir -p " + missing);
        });
    sink = null;
  }

  @Test
  void aFileInPlaceOfTheDirectoryIsReported() throws Exception {
    Path file = Files.writeString(temp.resolve("notadir"), "x");

    assertThatThrownBy(() -> start(file))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getMessage()).contains("is a file, not a directory"));
    sink = null;
  }

  @Test
  void unsupportedSerializersAndPathManagersAreReported() {
    assertThatThrownBy(() -> start(temp, "sink.serializer", "avro_event"))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.getKey()).isEqualTo("sink.serializer");
          assertThat(e.getMessage()).contains("'avro_event' is not supported");
        });
    assertThatThrownBy(() -> start(temp, "sink.pathManager", "ROLLTIME"))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("sink.pathManager"));
    assertThatThrownBy(() -> start(temp, "sink.batchSize", "0"))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("sink.batchSize"));
    sink = null;
  }

  @Test
  void aDirectoryRemovedMidRunFailsTheBatchAndNothingIsLostOnceItIsBack() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("out"));
    start(dir);
    put(channel, range("a", 0, 5));
    sink.process();
    deleteTree(dir);
    put(channel, range("b", 0, 5));

    assertThatThrownBy(sink::process).isInstanceOf(EventDeliveryException.class)
        .hasMessageContaining("was deleted").hasMessageContaining("mkdir -p " + dir);
    assertThat(channel.size()).isEqualTo(5);
    assertThatThrownBy(sink::process).isInstanceOf(EventDeliveryException.class)
        .hasMessageContaining("mkdir -p " + dir);
    assertThat(channel.size()).isEqualTo(5);

    Files.createDirectories(dir);
    assertThat(sink.process()).isEqualTo(Status.READY);

    assertThat(files(dir)).singleElement().satisfies(f -> assertThat(lines(f)).containsExactlyElementsOf(range("b", 0, 5)));
    SinkCounter counter = sink.getCounter();
    assertThat(counter.get("EventWriteFail")).isEqualTo(2);
    assertThat(counter.getConnectionFailedCount()).isEqualTo(1);
    assertThat(counter.getEventDrainSuccessCount()).isEqualTo(10);
    assertThat(channel.size()).isZero();
  }

  @Test
  void underARunnerEveryEventReachesTheFileOnce() throws Exception {
    start(temp);
    DefaultSinkProcessor processor = new DefaultSinkProcessor();
    processor.setSinks(List.of(sink));
    SinkRunner runner = new SinkRunner("k1", processor, 10, 50);
    runner.start();
    try {
      put(channel, range("e", 0, 1000));
      await().atMost(Duration.ofSeconds(10)).until(() -> channel.size() == 0);
    } finally {
      runner.stop(1000);
      sink = null;
    }

    assertThat(lines(files(temp).get(0))).containsExactlyElementsOf(range("e", 0, 1000));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
