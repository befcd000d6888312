package io.flumelab.cluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.hdfs.HdfsSinkAgent;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/hdfs dfs runs Hadoop's own file system shell against the course's HDFS, as the notes'
 * {@code hdfs dfs} commands do, on what an hdfs sink wrote: paths without a scheme are on
 * hdfs://hadoop102:9000, only warnings reach stderr, and FsShell's exit status is the script's.
 */
@LabCluster(hdfs = true)
class HdfsShellIT {

  @TempDir
  static Path state;

  @TempDir
  Path dir;

  @Test
  void lsListsAndCatPrintsADataStreamFile(LabAgents agents, FileSystem hdfs) throws IOException {
    String file = HdfsSinkAgent.write(agents, hdfs, dir, "/flume/text",
        Map.of("hdfs.fileType", "DataStream"), List.of("hello hdfs", "second line"))
        .get(0).getPath().toUri().getPath();

    BinScript ls = BinScript.run(state, "", "hdfs", "dfs", "-ls", "-R", "/flume");
    assertThat(ls.exitCode()).as(ls.output()).isZero();
    assertThat(ls.stdout()).anyMatch(line -> line.startsWith("-rw-") && line.endsWith(" " + file));
    assertThat(ls.err()).as("nothing but warnings on stderr, and there are none").isEmpty();

    BinScript cat = BinScript.run(state, "", "hdfs", "dfs", "-cat", file);
    assertThat(cat.exitCode()).as(cat.output()).isZero();
    assertThat(cat.stdout()).containsExactly("hello hdfs", "second line");

    // a pattern, as lab 02's README gives it: Hadoop expands it, not the shell
    BinScript pattern = BinScript.run(state, "", "hdfs", "dfs", "-cat", "/flume/text/*/*/logs-*");
    assertThat(pattern.exitCode()).as(pattern.output()).isZero();
    assertThat(pattern.stdout()).containsExactly("hello hdfs", "second line");
  }

  @Test
  void textPrintsTheRecordsOfASequenceFile(LabAgents agents, FileSystem hdfs) throws IOException {
    // the hdfs sink's default file type; Text records print as they are
    String file = HdfsSinkAgent.write(agents, hdfs, dir, "/flume/sequence",
        Map.of("hdfs.fileType", "SequenceFile", "hdfs.writeFormat", "Text"),
        List.of("first event", "second event")).get(0).getPath().toUri().getPath();

    BinScript text = BinScript.run(state, "", "hdfs", "dfs", "-text", file);

    assertThat(text.exitCode()).as(text.output()).isZero();
    // each record: its key, the event's timestamp, a tab, and its value, the body
    assertThat(text.stdout()).hasSize(2)
        .satisfiesExactly(line -> assertThat(line).matches("\\d{13}\tfirst event"),
            line -> assertThat(line).matches("\\d{13}\tsecond event"));
  }

  @Test
  void textPrintsTheBytesOfTheSinksDefaultWritableRecordsInHex(LabAgents agents, FileSystem hdfs)
      throws IOException {
    String file = HdfsSinkAgent.write(agents, hdfs, dir, "/flume/writable", Map.of(),
        List.of("hello")).get(0).getPath().toUri().getPath();

    BinScript text = BinScript.run(state, "", "hdfs", "dfs", "-text", file);

    assertThat(text.exitCode()).as(text.output()).isZero();
    assertThat(text.stdout()).singleElement().asString().matches("\\d{13}\t68 65 6c 6c 6f");
  }

  @Test
  void rmDeletesAndAMissingPathFailsWithHadoopsMessage(LabAgents agents, FileSystem hdfs)
      throws IOException {
    HdfsSinkAgent.write(agents, hdfs, dir, "/flume/gone", Map.of("hdfs.fileType", "DataStream"),
        List.of("soon deleted"));

    BinScript rm = BinScript.run(state, "", "hdfs", "dfs", "-rm", "-r", "/flume/gone");
    assertThat(rm.exitCode()).as(rm.output()).isZero();
    assertThat(rm.out()).contains("Deleted /flume/gone");
    assertThat(hdfs.exists(new org.apache.hadoop.fs.Path("/flume/gone"))).isFalse();

    BinScript missing = BinScript.run(state, "", "hdfs", "dfs", "-cat", "/flume/gone/nothing.txt");
    assertThat(missing.exitCode()).as(missing.output()).isEqualTo(1);
    assertThat(missing.err()).contains("cat: `/flume/gone/nothing.txt': No such file or directory");
  }

  @Test
  void putKeepsOneCopyOnTheOneDataNode() throws IOException {
    Path local = Files.writeString(dir.resolve("notes.txt"), "put by hand\n");

    BinScript put = BinScript.run(state, "", "hdfs", "dfs", "-put", local.toString(), "/notes.txt");
    assertThat(put.exitCode()).as(put.output()).isZero();

    BinScript stat = BinScript.run(state, "", "hdfs", "dfs", "-stat", "%r %b", "/notes.txt");
    assertThat(stat.exitCode()).as(stat.output()).isZero();
    assertThat(stat.stdout()).containsExactly("1 12");
  }

  @Test
  void otherSubcommandsAreRefusedWithWhatRunsInstead() {
    BinScript namenode = BinScript.run(state, "", "hdfs", "namenode", "-format");

    assertThat(namenode.exitCode()).isEqualTo(2);
    assertThat(namenode.err()).contains("'namenode' does not run here", "bin/hdfs dfs -ls /",
        "bin/flumelab up");
    assertThat(namenode.out()).isEmpty();
  }
}
