package io.flumelab.filechannel;

import static io.flumelab.filechannel.TestChannels.copyFiles;
import static io.flumelab.filechannel.TestChannels.drain;
import static io.flumelab.filechannel.TestChannels.putCommitted;
import static io.flumelab.filechannel.TestChannels.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent commits share writes and fsyncs, and each one is durable when it returns. */
class GroupCommitTest {

  @TempDir
  Path dir;

  private final ExecutorService threads = Executors.newFixedThreadPool(8);

  @AfterEach
  void stop() throws InterruptedException {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** A request whose records are empty: the committer does not look inside. */
  private static CommitRequest request() {
    return new CommitRequest(new TransactionRecords(), new TakeList());
  }

  @Test
  void requestsThatArriveDuringAWriteAreWrittenTogetherByTheNextLeader() throws Exception {
    CountDownLatch firstWriteMayEnd = new CountDownLatch(1);
    List<List<CommitRequest>> groups = Collections.synchronizedList(new ArrayList<>());
    GroupCommitter committer = new GroupCommitter(group -> {
      groups.add(List.copyOf(group));
      if (groups.size() == 1) {
        try {
          firstWriteMayEnd.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    CommitRequest first = request();
    Future<?> leader = threads.submit(() -> commit(committer, first));
    await().atMost(Duration.ofSeconds(10)).until(() -> groups.size() == 1);
    List<CommitRequest> followers = List.of(request(), request(), request());
    List<Future<?>> waiting = new ArrayList<>();
    for (CommitRequest follower : followers) {
      waiting.add(threads.submit(() -> commit(committer, follower)));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> committer.pendingRequests() == 3);

    firstWriteMayEnd.countDown();
    leader.get(10, TimeUnit.SECONDS);
    for (Future<?> future : waiting) {
      future.get(10, TimeUnit.SECONDS);
    }

    assertThat(groups).hasSize(2);
    assertThat(groups.get(0)).containsExactly(first);
    assertThat(groups.get(1)).containsExactlyInAnyOrderElementsOf(followers);
  }

  @Test
  void aFailedWriteFailsEveryRequestOfItsGroup() {
    GroupCommitter committer = new GroupCommitter(group -> group.forEach(request ->
        request.failure = new IOException("disk on fire")));
    CommitRequest request = request();

    assertThatThrownBy(() -> committer.commit(request))
        .isInstanceOf(IOException.class).hasMessage("disk on fire");
  }

  @Test
  void concurrentCommitsShareFsyncsAndAllSurviveWithoutAStop() throws Exception {
    FileChannel channel = started(dir.resolve("live"), "checkpointOnClose", "false");
    FileChannelCounter counter = (FileChannelCounter) channel.getCounter();
    long fsyncsBefore = counter.getLogFsyncCount();
    int writers = 8;
    int commitsEach = 50;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < writers; t++) {
      String prefix = "t" + t + "-";
      done.add(threads.submit(() -> {
        go.await();
        putCommitted(channel, prefix, commitsEach * 10, 10);
        return null;
      }));
    }
    go.countDown();
    for (Future<?> future : done) {
      future.get(60, TimeUnit.SECONDS);
    }
    long fsyncs = counter.getLogFsyncCount() - fsyncsBefore;
    copyFiles(dir.resolve("live"), dir.resolve("crashed")); // every commit returned: on disk
    channel.stop();

    assertThat(counter.getLogCommitCount()).isEqualTo(writers * commitsEach);
    assertThat(fsyncs).as("fsyncs for %d commits", writers * commitsEach)
        .isLessThan(writers * commitsEach);
    FileChannel recovered = started(dir.resolve("crashed"));
    List<String> bodies = drain(recovered);
    recovered.stop();
    assertThat(bodies).hasSize(writers * commitsEach * 10);
    for (int t = 0; t < writers; t++) {
      String prefix = "t" + t + "-";
      assertThat(bodies.stream().filter(b -> b.startsWith(prefix)).toList())
          .as("thread %d's events, in its order", t)
          .isEqualTo(TestChannels.numbered(prefix, commitsEach * 10));
    }
  }

  private static void commit(GroupCommitter committer, CommitRequest request) {
    try {
      committer.commit(request);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
