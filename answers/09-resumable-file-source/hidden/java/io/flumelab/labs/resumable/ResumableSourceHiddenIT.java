package io.flumelab.labs.resumable;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Agents;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import io.flumelab.labs.resumable.LogLines.Received;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden (instructor-only) tests of lab 09: run by -Panswers and bin/flumelab grade, never by a
 * student's build. The public tests rotate app.log while the agent runs; this one replaces it while
 * the agent is stopped, so the saved offset belongs to a file that is gone.
 */
@LabTest
@DisplayName("Lab 09 (hidden): a file source that resumes where it stopped")
class ResumableSourceHiddenIT {

  private final Path job = Lab.file("jobs/resumable.conf");

  @TempDir
  Path dir;

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("app.log replaced by a new file while the agent was stopped is read from its start, not from the old offset")
  void aFileReplacedWhileStoppedIsReadFromItsStart(Agents agents) throws IOException {
    Downstream d1 = Downstream.start(agents, dir);
    AppLog log = new AppLog(dir.resolve("app.log"));
    log.append(1, 100, false);
    AgentProcess a1 = agents.start("a1", job, "-DRESUME_DIR=" + dir);
    d1.awaitReceived(numbers(1, 100), "before the stop", a1);
    a1.stop();

    Files.move(log.path(), dir.resolve("app.log.1"));
    log.append(101, 120, true);
    a1.restart();
    Received received = d1.awaitReceived(numbers(101, 120), "into a new app.log while the agent "
        + "was stopped (the saved offset was the old file's: keep the file's key with it)", a1);

    assertThat(received.numbers()).as("the line numbers d1 received").isEqualTo(numbers(1, 120));
  }

  private static List<Integer> numbers(int from, int to) {
    return IntStream.rangeClosed(from, to).boxed().toList();
  }
}
