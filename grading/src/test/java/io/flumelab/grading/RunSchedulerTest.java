package io.flumelab.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunSchedulerTest {

  private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void runsThatHoldNothingInCommonOverlap() throws IOException {
    // each waits for the other: both must be running at once, or the barrier breaks
    CyclicBarrier both = new CyclicBarrier(2);
    List<String> done = Collections.synchronizedList(new ArrayList<>());
    new RunScheduler(2).runAll(List.of(
        task(Set.of("lab 01", "port 44444"), () -> meet(both, done, "01")),
        task(Set.of("lab 09", "port 44492"), () -> meet(both, done, "09"))));
    assertThat(done).containsExactlyInAnyOrder("01", "09");
  }

  @Test
  void runsThatShareAResourceNeverOverlap() throws IOException {
    AtomicInteger holding = new AtomicInteger();
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    List<RunScheduler.Task> tasks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Set<String> held = i % 2 == 0 ? Set.of("lab 01", "port 44444")
          : Set.of("lab 08", "port 44444", "port 44497");
      tasks.add(task(held, () -> {
        seen.add(holding.incrementAndGet());
        Thread.onSpinWait();
        holding.decrementAndGet();
      }));
    }
    new RunScheduler(3).runAll(tasks);
    assertThat(seen).hasSize(6).containsOnly(1);
  }

  @Test
  void theFirstFailureStopsTheRestAndIsThrown() {
    AtomicInteger ran = new AtomicInteger();
    List<RunScheduler.Task> tasks = List.of(
        task(Set.of("lab 01"), () -> {
          throw new IOException("disk full");
        }),
        task(Set.of("lab 01"), ran::incrementAndGet),
        task(Set.of("lab 01"), ran::incrementAndGet));
    assertThatThrownBy(() -> new RunScheduler(1).runAll(tasks)).hasMessage("disk full");
    assertThat(ran).hasValue(0);
  }

  @Test
  void theCheckoutsLabsConflictWhereTheyShareAPortOrServices() {
    LabResources netcat = LabResources.of(CHECKOUT, "01-netcat-logger");
    LabResources custom = LabResources.of(CHECKOUT, "08-custom-source-sink");
    LabResources resumable = LabResources.of(CHECKOUT, "09-resumable-file-source");
    LabResources exec = LabResources.of(CHECKOUT, "02-exec-hdfs");
    LabResources spooldir = LabResources.of(CHECKOUT, "03-spooldir-hdfs");

    assertThat(netcat.held()).contains("port 44444").doesNotContain("the course's services");
    assertThat(custom.held()).contains("port 44444", "port 44497", "port 44498");
    assertThat(netcat.conflictsWith(custom)).as("01 and 08 both listen on 44444").isTrue();
    assertThat(netcat.conflictsWith(resumable)).as("01 and 09: %s, %s", netcat, resumable)
        .isFalse();
    assertThat(exec.conflictsWith(spooldir)).as("02 and 03 both start HDFS").isTrue();
    assertThat(netcat.conflictsWith(netcat)).as("a lab's build directory").isTrue();
  }

  private interface Body {
    void run() throws Exception;
  }

  private static RunScheduler.Task task(Set<String> held, Body body) {
    LabResources resources = new LabResources(held);
    return new RunScheduler.Task() {
      @Override
      public LabResources resources() {
        return resources;
      }

      @Override
      public void run() throws IOException {
        try {
          body.run();
        } catch (IOException e) {
          throw e;
        } catch (Exception e) {
          throw new IOException(e);
        }
      }
    };
  }

  private static void meet(CyclicBarrier barrier, List<String> done, String name)
      throws Exception {
    barrier.await(10, TimeUnit.SECONDS);
    done.add(name);
  }
}
