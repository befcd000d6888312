package io.flumelab.labs.spooldirhdfs;

import static io.flumelab.labs.spooldirhdfs.SpoolDir.ARRIVES;
import static io.flumelab.labs.spooldirhdfs.SpoolDir.awaitLines;
import static io.flumelab.labs.spooldirhdfs.SpoolDir.files;
import static io.flumelab.labs.spooldirhdfs.SpoolDir.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Job;
import io.flumelab.harness.JobCheck;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.FileSystem;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@LabTest
@LabCluster(hdfs = true)
@DisplayName("Lab 03: spooldir -> memory -> HDFS")
class SpoolDirHdfsIT {

  @TempDir
  Path dir;

  private SpoolDir spoolDir;

  @BeforeEach
  void emptyDirs(FileSystem hdfs) throws IOException {
    spoolDir = SpoolDir.prepare(dir, hdfs);
  }

  @AfterEach
  void clean(FileSystem hdfs) throws IOException {
    SpoolDir.clean(hdfs);
  }

  @Test
  @Tag("job")
  @Order(1)
  @Points(10)
  @DisplayName("the job passes flume-ng check without warnings: spooldir with file headers -> memory -> hdfs")
  void jobIsValid() {
    Job agent = JobCheck.assertClean(spoolDir.job, "a3", List.of("UPLOAD_DIR=" + dir));

    agent.assertFlow("spooldir", "memory", "hdfs");
    Job.Component spooldir = agent.onlySource("spooldir");
    assertThat(spooldir.flag("fileHeader", false))
        .as("%s's fileHeader (%s; Flume's default is false): each event should carry its file's "
            + "path in a header", spooldir, spooldir.setting("fileHeader"))
        .isTrue();
  }

  @Test
  @Order(2)
  @Points(20)
  @DisplayName("a file put into the directory arrives in HDFS and is renamed .COMPLETED")
  void aFileIsUploadedAndMarkedDone(LabAgents agents, FileSystem hdfs) throws IOException {
    spoolDir.start(agents);

    spoolDir.drop("app.log", "first line", "second line");

    awaitLines(hdfs, List.of("first line", "second line"));
    spoolDir.awaitCompleted("app.log");
    assertThat(files(hdfs)).allSatisfy(file -> assertThat(file.getPath().toUri().getPath())
        .as("a file of the sink").matches("/flume/upload/\\d{8}/\\d{2}/upload-.*"));
  }

  @Test
  @Order(3)
  @Points(10)
  @DisplayName("a file still being written (*.tmp) is left alone")
  void tmpFilesAreIgnored(LabAgents agents, FileSystem hdfs) throws IOException {
    spoolDir.start(agents);

    spoolDir.drop("half.log.tmp", "not yet");
    spoolDir.drop("done.log", "ready");

    spoolDir.awaitCompleted("done.log");
    awaitLines(hdfs, List.of("ready"));
    assertThat(spoolDir.uploadDir.resolve("half.log.tmp")).as("the .tmp file, untouched")
        .exists();
    assertThat(spoolDir.uploadDir.resolve("half.log.tmp.COMPLETED")).doesNotExist();
  }

  @Test
  @Order(4)
  @Points(10)
  @DisplayName("several files arrive whole, each marked .COMPLETED")
  void severalFiles(LabAgents agents, FileSystem hdfs) throws IOException {
    spoolDir.start(agents);
    List<String> expected = new ArrayList<>();
    for (int f = 0; f < 3; f++) {
      String[] lines = IntStream.range(0, 150).mapToObj(i -> "file line " + i).toArray(String[]::new);
      spoolDir.drop("part-" + f + ".log", lines);
      expected.addAll(List.of(lines));
    }

    for (int f = 0; f < 3; f++) {
      spoolDir.awaitCompleted("part-" + f + ".log");
    }
    awaitLineCount(hdfs, expected.size());
    assertThat(lines(hdfs)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  @Order(5)
  @Points(10)
  @DisplayName("when the agent stops, its HDFS file is closed: no .tmp left")
  void stopClosesTheFile(LabAgents agents, FileSystem hdfs) throws IOException {
    AgentProcess agent = spoolDir.start(agents);
    spoolDir.drop("last.log", "kept");
    awaitLines(hdfs, List.of("kept"));

    assertThat(agent.stop()).as("exit status on SIGTERM").isZero();

    assertThat(files(hdfs)).extracting(file -> file.getPath().getName())
        .as("file names after the agent stopped").noneMatch(name -> name.endsWith(".tmp"));
  }

  private static void awaitLineCount(FileSystem hdfs, int count) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> lines(hdfs).size() >= count);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("HDFS did not hold " + count + " lines within " + ARRIVES.toSeconds()
          + " s; it holds " + lines(hdfs).size(), e);
    }
  }
}
