package io.flumelab.filechannel;

import static io.flumelab.filechannel.TestChannels.body;
import static io.flumelab.filechannel.TestChannels.drain;
import static io.flumelab.filechannel.TestChannels.numbered;
import static io.flumelab.filechannel.TestChannels.putCommitted;
import static io.flumelab.filechannel.TestChannels.started;
import static io.flumelab.filechannel.TestChannels.takeCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segments roll at maxFileSize, take turns across data directories, and go once emptied. */
class SegmentLifecycleTest {

  /** About six transactions of ten small events per segment. */
  private static final String SMALL_SEGMENTS = "2000";

  @TempDir
  Path dir;

  private final ExecutorService other = Executors.newSingleThreadExecutor();
  private FileChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    other.shutdownNow();
    assertThat(other.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    if (channel != null) {
      channel.stop();
    }
  }

  private static List<String> segments(Path dataDir) throws IOException {
    try (Stream<Path> files = Files.list(dataDir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("log-"))
          .sorted().toList();
    }
  }

  @Test
  void segmentsRollAtMaxFileSizeAndTakeTurnsAcrossTheDataDirectories() throws IOException {
    Path d0 = dir.resolve("disk0");
    Path d1 = dir.resolve("disk1");
    Path d2 = dir.resolve("disk2");
    channel = started(dir, "dataDirs", d0 + "," + d1 + " , " + d2, "maxFileSize", SMALL_SEGMENTS);
    putCommitted(channel, "e", 600, 10);

    List<Segment> open = channel.store().segments.all();
    assertThat(open).hasSizeGreaterThan(6);
    for (Segment segment : open) {
      assertThat(segment.path.getParent()).as("the directory of %s", segment.path)
          .isEqualTo(List.of(d0, d1, d2).get(segment.id % 3));
      assertThat(Files.size(segment.path)).isLessThanOrEqualTo(2000);
    }
    assertThat(segments(d0)).isNotEmpty();
    assertThat(segments(d1)).isNotEmpty();
    assertThat(segments(d2)).isNotEmpty();
    assertThat(drain(channel)).isEqualTo(numbered("e", 600));
  }

  @Test
  void aTransactionLargerThanASegmentGetsASegmentOfItsOwn() throws IOException {
    channel = started(dir, "maxFileSize", "100");
    putCommitted(channel, "e", 30, 10);

    assertThat(segments(dir.resolve("data"))).hasSize(3);
    assertThat(drain(channel)).isEqualTo(numbered("e", 30));
  }

  @Test
  void emptiedSegmentsGoAtTheNextCheckpointOldestFirst() throws Exception {
    channel = started(dir, "maxFileSize", SMALL_SEGMENTS);
    putCommitted(channel, "e", 300, 10);
    assertThat(channel.store().segments.all()).hasSizeGreaterThan(3);

    assertThat(drain(channel)).isEqualTo(numbered("e", 300));
    int active = channel.store().writer.activeSegmentId(); // the takes' records roll segments too
    channel.checkpointNow();

    assertThat(segments(dir.resolve("data"))).containsExactly(SegmentFiles.name(active));
    assertThat(Files.readString(dir.resolve("checkpoint").resolve(RetiredSegments.NAME)).strip())
        .isEqualTo(SegmentFiles.name(active - 1));
  }

  @Test
  void oneEventStillInAnOldSegmentKeepsItAndEveryLaterSegment() throws Exception {
    channel = started(dir, "maxFileSize", SMALL_SEGMENTS);
    putCommitted(channel, "e", 300, 10);
    Transaction holding = channel.getTransaction();
    holding.begin();
    assertThat(body(channel.take())).isEqualTo("e0"); // in log-0, taken but not committed
    List<String> rest = other.submit(() -> drain(channel)).get(10, TimeUnit.SECONDS);
    assertThat(rest).isEqualTo(numbered("e", 300).subList(1, 300));
    List<String> before = segments(dir.resolve("data"));

    channel.checkpointNow();
    assertThat(segments(dir.resolve("data"))).as("segments after a checkpoint while e0 is out")
        .isEqualTo(before);

    holding.commit();
    holding.close();
    channel.checkpointNow();
    assertThat(segments(dir.resolve("data"))).hasSize(1);
  }

  @Test
  void aRolledBackEventKeepsItsSegment() throws Exception {
    channel = started(dir, "maxFileSize", SMALL_SEGMENTS);
    putCommitted(channel, "e", 100, 10);
    Transaction tx = channel.getTransaction();
    tx.begin();
    for (int i = 0; i < 100; i++) {
      channel.take();
    }
    tx.rollback();
    tx.close();
    List<String> before = segments(dir.resolve("data"));

    channel.checkpointNow();

    assertThat(segments(dir.resolve("data"))).isEqualTo(before);
    assertThat(takeCommitted(channel, 1)).containsExactly("e0");
  }
}
