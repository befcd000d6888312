package io.flumelab.core.source.taildir;

import static io.flumelab.core.testing.SourceTesting.context;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Event;
import io.flumelab.api.FlumeException;
import io.flumelab.api.PollableSource.Status;
import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.CheckReport;
import io.flumelab.core.source.SourceRunner;
import io.flumelab.core.testing.SourceHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The TAILDIR source on real files, through a real channel processor and memory channel. */
class TaildirSourceTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  @RegisterExtension
  final SourceHarness harness = new SourceHarness();
  private final List<Event> received = new ArrayList<>();

  private Path positionFile() {
    return dir.resolve("state/taildir_position.json");
  }

  private TaildirSource start(String... settings) {
    if (harness.channel() == null) {
      harness.startChannel(1000);
    }
    TaildirSource source = new TaildirSource();
    source.setName("r1");
    source.configure(context(Map.of("positionFile", positionFile().toString(),
        "writePosInterval", "100000"), settings));
    return harness.start(source);
  }

  private static Path append(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text, UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Takes everything the channel holds into {@link #received}. */
  private void drain() {
    received.addAll(harness.takeAvailable());
  }

  /** Polls the source until {@code count} events arrived, then checks that no more come. */
  private List<String> pollFor(TaildirSource source, int count) {
    await().atMost(WAIT).until(() -> {
      source.process();
      drain();
      return received.size() >= count;
    });
    source.process();
    source.process();
    drain();
    return bodies();
  }

  private List<String> bodies() {
    return received.stream().map(e -> new String(e.getBody(), UTF_8)).collect(Collectors.toList());
  }

  private static long inode(Path file) throws IOException {
    return (Long) Files.getAttribute(file, "unix:ino");
  }

  @Test
  void groupsCarryTheirHeadersAndRegexMatchesFileNamesOnly() throws IOException {
    Path exact = append(dir.resolve("test1/example.log"), "e1\ne2\n");
    append(dir.resolve("test1/other.log"), "not in group f1\n");
    append(dir.resolve("test2/app.log"), "a1\n");
    append(dir.resolve("test2/app.log.1"), "b1\n");
    append(dir.resolve("test2/readme.txt"), "not matched\n");
    TaildirSource source = start("filegroups", "f1 f2",
        "filegroups.f1", dir.resolve("test1/example.log").toString(),
        "filegroups.f2", dir + "/test2/.*log.*",
        "headers.f1.headerKey1", "value1",
        "headers.f2.headerKey1", "value2", "headers.f2.headerKey2", "value2-2",
        "fileHeader", "true");

    assertThat(pollFor(source, 4)).containsExactlyInAnyOrder("e1", "e2", "a1", "b1");
    Event e1 = received.stream().filter(e -> new String(e.getBody(), UTF_8).equals("e1"))
        .findFirst().orElseThrow();
    assertThat(e1.getHeaders()).isEqualTo(Map.of("headerKey1", "value1", "file",
        exact.toString()));
    Event b1 = received.stream().filter(e -> new String(e.getBody(), UTF_8).equals("b1"))
        .findFirst().orElseThrow();
    assertThat(b1.getHeaders()).isEqualTo(Map.of("headerKey1", "value2",
        "headerKey2", "value2-2", "file", dir.resolve("test2/app.log.1").toString()));
    assertThat(source.getCounter().getEventAcceptedCount()).isEqualTo(4);
  }

  @Test
  void aLineIsSentOnlyOnceItsNewlineIsWrittenAndCrLfIsStripped() throws IOException {
    Path log = append(dir.resolve("app.log"), "first\r\nsec");
    TaildirSource source = start("filegroups", "f1", "filegroups.f1", log.toString());

    assertThat(pollFor(source, 1)).containsExactly("first");

    append(log, "ond\n");
    assertThat(pollFor(source, 2)).containsExactly("first", "second");
  }

  @Test
  void byteOffsetHeaderGivesWhereEachLineStarts() throws IOException {
    Path log = append(dir.resolve("app.log"), "hello\n\nworld\n");
    TaildirSource source = start("filegroups", "f1", "filegroups.f1", log.toString(),
        "byteOffsetHeader", "true");

    pollFor(source, 3);

    assertThat(received).extracting(e -> e.getHeaders().get("byteoffset"))
        .containsExactly("0", "6", "7");
  }

  @Test
  void rotationByRenameWithinTheGroupNeitherRepeatsNorLosesLines() throws IOException {
    Path log = append(dir.resolve("app.log"), "1\n2\n3\n");
    TaildirSource source = start("filegroups", "f1", "filegroups.f1", dir + "/app\\.log.*");
    assertThat(pollFor(source, 3)).containsExactly("1", "2", "3");

    append(log, "4\n5\n"); // written before the rotation, not read yet
    Files.move(log, dir.resolve("app.log.1"));
    append(log, "6\n7\n");

    assertThat(pollFor(source, 7)).containsExactly("1", "2", "3", "4", "5", "6", "7");
  }

  @Test
  void aFileRotatedOutOfItsGroupIsReadToItsEndThroughItsOpenHandle() throws IOException {
    Path log = append(dir.resolve("app.log"), "1\n2\n");
    TaildirSource source = start("filegroups", "f1", "filegroups.f1", log.toString());
    assertThat(pollFor(source, 2)).containsExactly("1", "2");

    append(log, "3\n"); // the tail of the old file
    Files.move(log, dir.resolve("app.log.1"));
    append(log, "4\n");

    assertThat(pollFor(source, 4)).containsExactlyInAnyOrder("1", "2", "3", "4");
  }

  @Test
  void aRestartResumesAfterTheLastCommittedLine() throws IOException {
    Path log = append(dir.resolve("app.log"), "1\n2\n");
    TaildirSource first = start("filegroups", "f1", "filegroups.f1", log.toString());
    assertThat(pollFor(first, 2)).containsExactly("1", "2");
    harness.stop(first);

    assertThat(Files.readString(positionFile())).isEqualTo(
        "[{\"inode\":" + inode(log) + ",\"pos\":4,\"file\":\"" + log + "\"}]");

    append(log, "3\n");
    TaildirSource second = start("filegroups", "f1", "filegroups.f1", log.toString());
    assertThat(pollFor(second, 3)).containsExactly("1", "2", "3");
  }

  @Test
  void underItsRunnerItFollowsAGrowingFileAndSavesPositionsWhenStopped() throws IOException {
    Path log = append(dir.resolve("app.log"), "1\n");
    TaildirSource source = start("filegroups", "f1", "filegroups.f1", log.toString(),
        "backoffSleepIncrement", "10", "maxBackoffSleep", "50");
    source.stop(); // configured and checked; the runner starts it again
    SourceRunner runner = SourceRunner.forSource(source);
    runner.start();
    try {
      await().atMost(WAIT).until(() -> {
        drain();
        return received.size() == 1;
      });
      append(log, "2\n3\n");
      await().atMost(WAIT).until(() -> {
        drain();
        return received.size() == 3;
      });
    } finally {
      runner.stop();
    }

    assertThat(bodies()).containsExactly("1", "2", "3");
    assertThat(Files.readString(positionFile())).contains("\"pos\":6,");
  }

  @Test
  void aRenameWhileStoppedIsRecognisedByInode() throws IOException {
    Path log = append(dir.resolve("app.log"), "1\n");
    TaildirSource first = start("filegroups", "f1", "filegroups.f1", dir + "/app\\.log.*");
    pollFor(first, 1);
    harness.stop(first);

    append(log, "2\n");
    Files.move(log, dir.resolve("app.log.1"));
    append(log, "3\n");
    TaildirSource second = start("filegroups", "f1", "filegroups.f1", dir + "/app\\.log.*");

    assertThat(pollFor(second, 3)).containsExactly("1", "2", "3");
  }

  @Test
  void skipToEndSkipsExistingContentButNotFilesCreatedLater() throws IOException {
    Path old = append(dir.resolve("old.log"), "old 1\nold 2\n");
    TaildirSource source = start("filegroups", "f1", "filegroups.f1", dir + "/.*\\.log",
        "skipToEnd", "true");
    source.process();

    append(old, "new 1\n");
    append(dir.resolve("later.log"), "later 1\n");

    assertThat(pollFor(source, 2)).containsExactlyInAnyOrder("new 1", "later 1");
  }

  @Test
  void aFullChannelRefusesABatchThatIsReadAgainLaterWithoutLossOrRepeats() throws IOException {
    harness.startChannel(3);
    Path log = append(dir.resolve("app.log"), "1\n2\n3\n4\n5\n");
    TaildirSource source = start("filegroups", "f1", "filegroups.f1", log.toString(),
        "batchSize", "2");

    assertThat(source.process()).isEqualTo(Status.BACKOFF); // 1,2 in; 3,4 do not fit
    assertThat(harness.channel().size()).isEqualTo(2);
    assertThat(source.getCounter().getChannelWriteFail()).isEqualTo(1);
    harness.stop(source);
    assertThat(Files.readString(positionFile())).contains("\"pos\":4,");

    drain();
    TaildirSource restarted = start("filegroups", "f1", "filegroups.f1", log.toString(),
        "batchSize", "2");
    assertThat(pollFor(restarted, 5)).containsExactly("1", "2", "3", "4", "5");
  }

  @Test
  void aTruncatedFileIsReadAgainFromItsStart() throws IOException {
    Path log = append(dir.resolve("app.log"), "long line one\n");
    TaildirSource source = start("filegroups", "f1", "filegroups.f1", log.toString());
    pollFor(source, 1);

    Files.writeString(log, "new\n", UTF_8, StandardOpenOption.TRUNCATE_EXISTING);

    assertThat(pollFor(source, 2)).containsExactly("long line one", "new");
  }

  @Test
  void anIdleFileIsClosedAndReopenedWhenItGrows() throws IOException {
    Path log = append(dir.resolve("app.log"), "1\n");
    TaildirSource source = start("filegroups", "f1", "filegroups.f1", log.toString(),
        "idleTimeout", "50");
    pollFor(source, 1);
    await().atMost(WAIT).until(() -> {
      source.process();
      return source.openFiles() == 0;
    });

    append(log, "2\n");
    source.process();

    assertThat(source.openFiles()).isEqualTo(1);
    assertThat(pollFor(source, 2)).containsExactly("1", "2");
  }

  @Test
  void positionsAreWrittenEveryWritePosInterval() throws IOException {
    Path log = append(dir.resolve("app.log"), "1\n");
    TaildirSource source = start("filegroups", "f1", "filegroups.f1", log.toString(),
        "writePosInterval", "20");
    pollFor(source, 1);

    await().atMost(WAIT).until(() -> Files.readString(positionFile()).contains("\"pos\":2,"));
  }

  @Test
  void aCorruptPositionFileStopsTheSourceWithTheFix() throws IOException {
    append(positionFile(), "[{\"inode\": 12, \"pos\": ");
    Path log = append(dir.resolve("app.log"), "1\n");

    assertThatThrownBy(() -> start("filegroups", "f1", "filegroups.f1", log.toString()))
        .isInstanceOf(FlumeException.class)
        .hasMessageContaining("TAILDIR source r1: the position file " + positionFile()
            + " is not valid")
        .hasMessageContaining("Delete it to read every file again from its start")
        .hasMessageContaining("skipToEnd = true");
  }

  @Test
  void aPositionFileWrittenByFlumeIsTakenOver() throws IOException {
    Path log = append(dir.resolve("app.log"), "1\n2\n");
    append(positionFile(), "[{\"inode\":" + inode(log) + ",\"pos\":2,\"file\":\"" + log + "\"}]");
    TaildirSource source = start("filegroups", "f1", "filegroups.f1", log.toString());

    assertThat(pollFor(source, 1)).containsExactly("2");
  }

  @Test
  void theUserGuidesExampleChecksCleanByTypeAliasAndFlumeClassName() {
    for (String type : List.of("TAILDIR", "org.apache.flume.source.taildir.TaildirSource")) {
      String config = """
          a1.sources = r1
          a1.channels = c1
          a1.sources.r1.type = %s
          a1.sources.r1.channels = c1
          a1.sources.r1.positionFile = /var/log/flume/taildir_position.json
          a1.sources.r1.filegroups = f1 f2
          a1.sources.r1.filegroups.f1 = /var/log/test1/example.log
          a1.sources.r1.headers.f1.headerKey1 = value1
          a1.sources.r1.filegroups.f2 = /var/log/test2/.*log.*
          a1.sources.r1.headers.f2.headerKey1 = value2
          a1.sources.r1.headers.f2.headerKey2 = value2-2
          a1.sources.r1.fileHeader = true
          a1.sources.r1.maxBatchCount = 1000
          a1.channels.c1.type = memory
          a1.sinks = k1
          a1.sinks.k1.type = logger
          a1.sinks.k1.channel = c1
          """.formatted(type);

      CheckReport report = AgentConfigurations.check("taildir.conf", config, "a1",
          AgentConfigurations.Options.defaults());

      assertThat(report.problems()).as(type).isEmpty();
    }
  }

  @Test
  void configurationErrorsNameTheKeyAndTheFix() {
    assertThatThrownBy(() -> start())
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("filegroups"));
    assertThatThrownBy(() -> start("filegroups", "f1 f2", "filegroups.f1", "/var/log/a.log"))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("filegroups.f2"));
    assertThatThrownBy(() -> start("filegroups", "f1", "filegroups.f1", "logs/a.log"))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getMessage()).contains("not an absolute path"));
    assertThatThrownBy(() -> start("filegroups", "f1", "filegroups.f1", "/var/log/(.log"))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getMessage()).contains("not a valid regular expression"));
    assertThatThrownBy(() -> start("filegroups", "f1", "filegroups.f1", "/var/log/a.log",
        "batchSize", "0"))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("batchSize"));
  }
}
