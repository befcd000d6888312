package io.flumelab.filechannel;

import static io.flumelab.filechannel.TestChannels.body;
import static io.flumelab.filechannel.TestChannels.drain;
import static io.flumelab.filechannel.TestChannels.event;
import static io.flumelab.filechannel.TestChannels.numbered;
import static io.flumelab.filechannel.TestChannels.putCommitted;
import static io.flumelab.filechannel.TestChannels.started;
import static io.flumelab.filechannel.TestChannels.takeCommitted;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Transaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a stop and a start keep: committed events, and nothing else. */
class FileChannelRestartTest {

  @TempDir
  Path dir;

  private final ExecutorService other = Executors.newSingleThreadExecutor();
  private final List<FileChannel> channels = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    other.shutdownNow();
    assertThat(other.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    channels.forEach(FileChannel::stop);
  }

  private FileChannel start(String... settings) {
    FileChannel channel = started(dir, settings);
    channels.add(channel);
    return channel;
  }

  private void stop(FileChannel channel) {
    channel.stop();
    channels.remove(channel);
  }

  @Test
  void committedEventsSurviveAStopInOrder() {
    FileChannel channel = start();
    putCommitted(channel, "e", 250, 100);
    assertThat(takeCommitted(channel, 50)).isEqualTo(numbered("e", 50));
    stop(channel);

    FileChannel restarted = start();

    assertThat(restarted.size()).isEqualTo(200);
    assertThat(restarted.lastRecovery().replayedTransactions()).isZero(); // checkpoint on close
    assertThat(drain(restarted)).isEqualTo(numbered("e", 250).subList(50, 250));
  }

  @Test
  void anUncommittedPutNeverAppearsAndATakeInProgressComesBack() throws Exception {
    FileChannel channel = start();
    putCommitted(channel, "kept", "taken-then-stopped");
    assertThat(takeCommitted(channel, 1)).containsExactly("kept");
    Transaction putting = channel.getTransaction();
    putting.begin();
    channel.put(event("never committed"));
    Transaction taking = other.submit(() -> {
      Transaction tx = channel.getTransaction();
      tx.begin();
      assertThat(body(channel.take())).isEqualTo("taken-then-stopped");
      return tx;
    }).get(10, TimeUnit.SECONDS);
    stop(channel); // both transactions still open, as when an agent dies

    FileChannel restarted = start();

    assertThat(drain(restarted)).containsExactly("taken-then-stopped");
    assertThat(taking).isNotNull();
    putting.rollback();
    putting.close();
  }

  @Test
  void withoutACheckpointOnCloseTheLogIsReplayed() {
    FileChannel channel = start("checkpointOnClose", "false");
    putCommitted(channel, "e", 30, 10);
    assertThat(takeCommitted(channel, 10)).isEqualTo(numbered("e", 10));
    stop(channel);

    FileChannel restarted = start("checkpointOnClose", "false");

    RecoveryReport report = restarted.lastRecovery();
    assertThat(report.checkpoint()).isNotNull(); // the one written at the first start
    assertThat(report.replayedTransactions()).isEqualTo(4);
    assertThat(report.replayedPuts()).isEqualTo(30);
    assertThat(report.replayedTakes()).isEqualTo(10);
    assertThat(report.isClean()).isTrue();
    assertThat(drain(restarted)).isEqualTo(numbered("e", 30).subList(10, 30));
  }

  @Test
  void aCommittedTakeNeverComesBack() {
    FileChannel channel = start("checkpointOnClose", "false");
    putCommitted(channel, "e", 10, 10);
    takeCommitted(channel, 10);
    stop(channel);

    assertThat(drain(start())).isEmpty();
  }

  @Test
  void withoutFsyncPerTransactionAStopStillKeepsEverything() {
    FileChannel channel = start("fsyncPerTransaction", "false", "checkpointOnClose", "false");
    FileChannelCounter counter = (FileChannelCounter) channel.getCounter();
    long fsyncsAtStart = counter.getLogFsyncCount(); // the first checkpoint's
    putCommitted(channel, "e", 100, 10);
    long fsyncs = counter.getLogFsyncCount() - fsyncsAtStart;
    stop(channel);

    assertThat(fsyncs).as("fsyncs of 10 commits: none per transaction").isZero();
    assertThat(drain(start())).isEqualTo(numbered("e", 100));
  }

  @Test
  void aRestartedChannelWritesANewSegmentAndKeepsCounting() throws Exception {
    FileChannel channel = start();
    putCommitted(channel, "first");
    stop(channel);
    FileChannel restarted = start();
    putCommitted(restarted, "second");
    stop(restarted);

    try (var files = Files.list(dir.resolve("data"))) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("log-")))
          .containsExactlyInAnyOrder("log-0", "log-1");
    }
    assertThat(drain(start())).containsExactly("first", "second");
  }

  @Test
  void aStoppedChannelCanBeStartedAgainInPlace() {
    FileChannel channel = start();
    putCommitted(channel, "a");
    channel.stop();
    channel.start();
    putCommitted(channel, "b");

    assertThat(drain(channel)).containsExactly("a", "b");
  }
}
