package io.flumelab.labs.spooldirhdfs;

import static io.flumelab.cluster.junit.On.on;

import io.flumelab.cluster.hdfs.HdfsFiles;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Lab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The job of one test and what it reads and writes: an empty spooling directory, the directory
 * beside it where files are written before they are moved in, and an empty {@value #UPLOAD} in
 * HDFS.
 */
final class SpoolDir {

  static final Duration ARRIVES = Duration.ofSeconds(30);
  static final String UPLOAD = "/flume/upload";

  final Path job = Lab.file("jobs/flume-dir-hdfs.conf");
  /** Where files are written before they are moved into the spooling directory. */
  final Path staging;
  final Path uploadDir;

  private SpoolDir(Path dir) throws IOException {
    staging = dir;
    uploadDir = Files.createDirectory(dir.resolve("upload"));
  }

  /** An empty spooling directory under {@code dir}, and HDFS without what an earlier test wrote. */
  static SpoolDir prepare(Path dir, FileSystem hdfs) throws IOException {
    clean(hdfs);
    return new SpoolDir(dir);
  }

  static void clean(FileSystem hdfs) throws IOException {
    hdfs.delete(new org.apache.hadoop.fs.Path(UPLOAD), true);
  }

  AgentProcess start(LabAgents agents) {
    return agents.start("a3", job, on("hadoop102"), "-DUPLOAD_DIR=" + uploadDir);
  }

  /** Writes the file (UTF-8) beside the directory, then moves it in whole, as the course says. */
  void drop(String name, String... lines) throws IOException {
    Path staged = Files.writeString(staging.resolve(name), String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8);
    Files.move(staged, uploadDir.resolve(name));
  }

  void awaitCompleted(String name) {
    try {
      Awaitility.await().atMost(ARRIVES).until(() ->
          Files.exists(uploadDir.resolve(name + ".COMPLETED")));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(name + " was not renamed to " + name + ".COMPLETED within "
          + ARRIVES.toSeconds() + " s; the directory holds " + listing(), e);
    }
  }

  /** The names in the spooling directory, sorted. */
  List<String> listing() {
    try (Stream<Path> names = Files.list(uploadDir)) {
      return names.map(path -> path.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError("Cannot list " + uploadDir, e);
    }
  }

  /** Waits until the sink's files hold exactly these lines, in order. */
  static void awaitLines(FileSystem hdfs, List<String> expected) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> lines(hdfs).equals(expected));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("HDFS did not hold the lines " + expected + " within "
          + ARRIVES.toSeconds() + " s; the files under " + UPLOAD + " hold " + lines(hdfs)
          + " (read as UTF-8)", e);
    }
  }

  static List<LocatedFileStatus> files(FileSystem hdfs) {
    return HdfsFiles.under(hdfs, UPLOAD);
  }

  static List<String> lines(FileSystem hdfs) {
    return HdfsFiles.lines(hdfs, files(hdfs));
  }
}
