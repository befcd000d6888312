package io.flumelab.labs.spooldirhdfs;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.hdfs.HdfsFiles;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
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
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden (instructor-only) tests of lab 03: run by -Panswers and bin/flumelab grade, never by a
 * student's build. The public tests drop files named *.log with ASCII lines and a half.log.tmp;
 * this one varies the names (a .csv, a .csv.tmp) and spools a second file, in Chinese, after the
 * first was done.
 */
@LabTest
@LabCluster(hdfs = true)
@DisplayName("Lab 03 (hidden): spooldir -> memory -> HDFS")
class SpoolDirHdfsHiddenIT {

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
  @Order(1)
  @Points(10)
  @DisplayName("files of other names arrive one after another, Chinese text intact; a .csv.tmp is left alone")
  void otherNamesAndChineseText(LabAgents agents, FileSystem hdfs) throws IOException {
    agents.start("a3", job, on("hadoop102"), "-DUPLOAD_DIR=" + uploadDir);

    drop("orders.csv.tmp", "订单 0,尚未写完");
    List<String> first = List.of("订单 1,北京,3", "订单 2,上海,5");
    drop("orders-2026-01.csv", first.toArray(String[]::new));
    awaitCompleted("orders-2026-01.csv");
    awaitLines(hdfs, first);

    List<String> second = List.of("日志：用户登录", "日志：用户下单 ✓", "mixed 中文 and ASCII");
    drop("access-2.txt", second.toArray(String[]::new));
    awaitCompleted("access-2.txt");
    List<String> both = new ArrayList<>(first);
    both.addAll(second);
    awaitLines(hdfs, both);

    assertThat(uploadDir.resolve("orders.csv.tmp")).as("orders.csv.tmp, still being written: "
        + "untouched (ignore every name ending in .tmp)").exists();
    assertThat(listing()).as("the spool directory").doesNotContain("orders.csv.tmp.COMPLETED");
  }

  /** Writes the file (UTF-8) beside the directory, then moves it in whole. */
  private void drop(String name, String... lines) throws IOException {
    Path staged = Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8);
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

  private List<String> listing() {
    try (Stream<Path> names = Files.list(uploadDir)) {
      return names.map(path -> path.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError("Cannot list " + uploadDir, e);
    }
  }

  private static void awaitLines(FileSystem hdfs, List<String> expected) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> lines(hdfs).equals(expected));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("HDFS did not hold the lines " + expected + " within "
          + ARRIVES.toSeconds() + " s; the files under /flume/upload hold " + lines(hdfs)
          + " (read as UTF-8)", e);
    }
  }

  private static List<String> lines(FileSystem hdfs) {
    return HdfsFiles.lines(hdfs, HdfsFiles.under(hdfs, "/flume/upload"));
  }
}
