package io.flumelab.labs.spooldirhdfs;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.hdfs.HdfsFiles;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Job;
import io.flumelab.harness.JobCheck;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
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

  private static final Duration ARRIVES = Duration.ofSeconds(30);
  private static final org.apache.hadoop.fs.Path UPLOAD =
      new org.apache.hadoop.fs.Path("/flume/upload");

  private final Path job = Lab.file("jobs/flume-dir-hdfs.conf");

  @TempDir
  Path dir;

  private Path uploadDir;

  @BeforeEach
  void emptyDirs(FileSystem hdfs) throws IOException {
    uploadDir = Files.createDirectory(dir.resolve("upload"));
    hdfs.delete(UPLOAD, true);
  }

  @AfterEach
  void clean(FileSystem hdfs) throws IOException {
    hdfs.delete(UPLOAD, true);
  }

  @Test
  @Tag("job")
  @Order(1)
  @Points(10)
  @DisplayName("the job passes flume-ng check without warnings: spooldir with file headers -> memory -> hdfs")
  void jobIsValid() {
    Job agent = JobCheck.assertClean(job, "a3", List.of("UPLOAD_DIR=" + dir));

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
    start(agents);

    drop("app.log", "first line", "second line");

    awaitLines(hdfs, List.of("first line", "second line"));
    awaitCompleted("app.log");
    assertThat(files(hdfs)).allSatisfy(file -> assertThat(file.getPath().toUri().getPath())
        .as("a file of the sink").matches("/flume/upload/\\d{8}/\\d{2}/upload-.*"));
  }

  @Test
  @Order(3)
  @Points(10)
  @DisplayName("a file still being written (*.tmp) is left alone")
  void tmpFilesAreIgnored(LabAgents agents, FileSystem hdfs) throws IOException {
    start(agents);

    drop("half.log.tmp", "not yet");
    drop("done.log", "ready");

    awaitCompleted("done.log");
    awaitLines(hdfs, List.of("ready"));
    assertThat(uploadDir.resolve("half.log.tmp")).as("the .tmp file, untouched").exists();
    assertThat(uploadDir.resolve("half.log.tmp.COMPLETED")).doesNotExist();
  }

  @Test
  @Order(4)
  @Points(10)
  @DisplayName("several files arrive whole, each marked .COMPLETED")
  void severalFiles(LabAgents agents, FileSystem hdfs) throws IOException {
    start(agents);
    List<String> expected = new ArrayList<>();
    for (int f = 0; f < 3; f++) {
      String[] lines = IntStream.range(0, 150).mapToObj(i -> "file line " + i).toArray(String[]::new);
      drop("part-" + f + ".log", lines);
      expected.addAll(List.of(lines));
    }

    for (int f = 0; f < 3; f++) {
      awaitCompleted("part-" + f + ".log");
    }
    awaitLineCount(hdfs, expected.size());
    assertThat(linesIn(hdfs, files(hdfs))).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  @Order(5)
  @Points(10)
  @DisplayName("when the agent stops, its HDFS file is closed: no .tmp left")
  void stopClosesTheFile(LabAgents agents, FileSystem hdfs) throws IOException {
    AgentProcess agent = start(agents);
    drop("last.log", "kept");
    awaitLines(hdfs, List.of("kept"));

    assertThat(agent.stop()).as("exit status on SIGTERM").isZero();

    assertThat(files(hdfs)).extracting(file -> file.getPath().getName())
        .as("file names after the agent stopped").noneMatch(name -> name.endsWith(".tmp"));
  }

  private AgentProcess start(LabAgents agents) {
    return agents.start("a3", job, on("hadoop102"), "-DUPLOAD_DIR=" + uploadDir);
  }

  /** Writes the file beside the directory, then moves it in whole, as the course advises. */
  private void drop(String name, String... lines) throws IOException {
    Path staged = Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    Files.move(staged, uploadDir.resolve(name));
  }

  private void awaitCompleted(String name) {
    try {
      Awaitility.await().atMost(ARRIVES).until(() ->
          Files.exists(uploadDir.resolve(name + ".COMPLETED")));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(name + " was not renamed to " + name + ".COMPLETED within "
          + ARRIVES.toSeconds() + " s; the directory holds " + listing(), e);
    }
  }

  private String listing() {
    try (var names = Files.list(uploadDir)) {
      return names.map(path -> path.getFileName().toString()).sorted().toList().toString();
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static void awaitLines(FileSystem hdfs, List<String> expected) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> linesIn(hdfs, files(hdfs)).equals(expected));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("HDFS did not hold the lines " + expected + " within "
          + ARRIVES.toSeconds() + " s; the files under /flume/upload hold "
          + linesIn(hdfs, files(hdfs)), e);
    }
  }

  private static void awaitLineCount(FileSystem hdfs, int count) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> linesIn(hdfs, files(hdfs)).size() >= count);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("HDFS did not hold " + count + " lines within " + ARRIVES.toSeconds()
          + " s; it holds " + linesIn(hdfs, files(hdfs)).size(), e);
    }
  }

  private static List<LocatedFileStatus> files(FileSystem hdfs) {
    return HdfsFiles.under(hdfs, "/flume/upload");
  }

  private static List<String> linesIn(FileSystem hdfs, List<LocatedFileStatus> files) {
    return HdfsFiles.lines(hdfs, files);
  }
}
