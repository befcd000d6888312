package io.flumelab.cluster.hdfs;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.LineClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;

/**
 * A real agent on hadoop102, netcat source → memory channel → hdfs sink, as the course's labs run
 * it: the lines sent to the source end up in files under a directory of the course's HDFS, one
 * directory per day and hour ({@code %Y%m%d/%H}), in the file format the settings choose.
 */
public final class HdfsSinkAgent {

  private static final int PORT = 44444;
  private static final Duration ANSWERS = Duration.ofSeconds(15);

  private HdfsSinkAgent() {}

  /**
   * Sends the lines through the agent and stops it, which closes (and so renames) its files; returns
   * them. {@code format} adds sink settings such as {@code hdfs.fileType = DataStream}.
   */
  public static List<LocatedFileStatus> write(LabAgents agents, FileSystem hdfs, Path workDir,
      String directory, Map<String, String> format, List<String> lines) throws IOException {
    List<String> job = new ArrayList<>(List.of(
        "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1",
        "a1.sources.r1.type = netcat", "a1.sources.r1.bind = hadoop102",
        "a1.sources.r1.port = " + PORT, "a1.sources.r1.channels = c1",
        "a1.channels.c1.type = memory",
        "a1.sinks.k1.type = hdfs", "a1.sinks.k1.channel = c1",
        "a1.sinks.k1.hdfs.path = hdfs://hadoop102:9000" + directory + "/%Y%m%d/%H",
        "a1.sinks.k1.hdfs.useLocalTimeStamp = true", "a1.sinks.k1.hdfs.filePrefix = logs-",
        "a1.sinks.k1.hdfs.rollInterval = 0", "a1.sinks.k1.hdfs.rollSize = 0",
        "a1.sinks.k1.hdfs.rollCount = 0", "a1.sinks.k1.hdfs.batchSize = 1"));
    format.forEach((key, value) -> job.add("a1.sinks.k1." + key + " = " + value));
    Path jobFile = Files.write(workDir.resolve("netcat-hdfs.conf"), job);

    AgentProcess agent = agents.start("a1", jobFile, on("hadoop102"))
        .awaitListening("hadoop102", PORT);
    try (LineClient nc = LineClient.connect("hadoop102", PORT)) {
      for (String line : lines) {
        nc.send(line);
        assertThat(nc.readLine(ANSWERS)).as("the netcat source's answer to " + line).isEqualTo("OK");
      }
    }
    // every line is in the channel now; a stopping agent lets its sink drain it and close the file
    assertThat(agent.stop()).as(agent.outputTail()).isZero();

    List<LocatedFileStatus> files = HdfsFiles.under(hdfs, directory);
    assertThat(files).as("the files the hdfs sink wrote under " + directory).isNotEmpty()
        .allSatisfy(file -> assertThat(file.getPath().getName()).startsWith("logs-")
            .doesNotEndWith(".tmp"));
    return files;
  }
}
