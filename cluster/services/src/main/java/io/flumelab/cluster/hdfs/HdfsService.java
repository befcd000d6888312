package io.flumelab.cluster.hdfs;

import io.flumelab.cluster.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/** HDFS at {@code hdfs://hadoop102:9000}, as the course's configs write it. */
public interface HdfsService extends Service {

  String PORT_KEY = "flumelab.hdfs.port";
  String HTTP_PORT_KEY = "flumelab.hdfs.http.port";
  int DEFAULT_PORT = 9000;
  int DEFAULT_HTTP_PORT = 9870;

  /** {@code hdfs://hadoop102:9000} */
  URI uri();

  /** What a client needs besides the URI (replication 1: there is one datanode). */
  default Configuration clientConfiguration() {
    Configuration conf = new Configuration();
    conf.set("fs.defaultFS", uri().toString());
    conf.setInt("dfs.replication", 1);
    return conf;
  }

  /** A new client of its own; the caller closes it. */
  default FileSystem newFileSystem() {
    try {
      return FileSystem.newInstance(uri(), clientConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot connect to " + uri(), e);
    }
  }
}
