package io.flumelab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.hdfs.HdfsService;
import io.flumelab.cluster.junit.LabCluster;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

@LabCluster(hdfs = true)
class HdfsIT {

  @Test
  void writesAndReadsAFileAtTheCourseAddress(HdfsService hdfs) throws IOException {
    assertThat(hdfs.uri()).isEqualTo(URI.create("hdfs://hadoop102:9000"));
    Configuration conf = new Configuration();
    conf.setInt("dfs.replication", 1);
    // a client that knows nothing but the address the notes use
    try (FileSystem fs = FileSystem.newInstance(URI.create("hdfs://hadoop102:9000"), conf)) {
      Path file = new Path("/flume/upload/20260101/10/events.txt");
      try (FSDataOutputStream out = fs.create(file)) {
        out.write("hello hdfs\nsecond line\n".getBytes(StandardCharsets.UTF_8));
      }
      try (FSDataInputStream in = fs.open(file)) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo("hello hdfs\nsecond line\n");
      }
      assertThat(fs.getFileStatus(file).getLen()).isEqualTo(23);
    }
  }

  @Test
  void theExtensionGivesAFileSystemOnTheService(FileSystem fs) throws IOException {
    assertThat(fs.getUri()).isEqualTo(URI.create("hdfs://hadoop102:9000"));
    assertThat(fs.mkdirs(new Path("/flume2"))).isTrue();
    assertThat(fs.exists(new Path("/flume2"))).isTrue();
  }
}
