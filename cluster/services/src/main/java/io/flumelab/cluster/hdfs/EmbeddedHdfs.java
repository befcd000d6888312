package io.flumelab.cluster.hdfs;

import io.flumelab.cluster.Backend;
import io.flumelab.cluster.Endpoint;
import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.PortCheck;
import io.flumelab.cluster.ServiceException;
import io.flumelab.cluster.Settings;
import io.flumelab.cluster.WorkDirs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.apache.hadoop.hdfs.server.namenode.NameNode;
import org.apache.hadoop.metrics2.lib.DefaultMetricsSystem;
import org.apache.hadoop.util.ExitUtil;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A NameNode and one DataNode in this JVM, from {@code hadoop-client-minicluster}. They are started
 * directly rather than through MiniDFSCluster, which binds the NameNode to 127.0.0.1 only; here it
 * listens at hadoop102's own address, where {@code hdfs://hadoop102:9000} leads.
 */
public final class EmbeddedHdfs implements HdfsService {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  /**
   * The NameNode's Jersey, which logs through java.util.logging when the first WebHDFS request
   * starts it: its package scan at INFO and remarks on Hadoop's resource methods at WARNING, on the
   * terminal of flumelab up, which shows errors only. Held here: the JDK keeps loggers weakly.
   */
  private static final Logger JERSEY = Logger.getLogger("org.apache.hadoop.shaded.com.sun.jersey");

  private final LabHost host = LabHost.HADOOP102;
  private final int port = Settings.port(PORT_KEY, DEFAULT_PORT);
  private final int httpPort = Settings.port(HTTP_PORT_KEY, DEFAULT_HTTP_PORT);
  private Path dir;
  private NameNode nameNode;
  private DataNode dataNode;
  private Status status = Status.STOPPED;

  @Override
  public String name() {
    return "hdfs";
  }

  @Override
  public Backend backend() {
    return Backend.EMBEDDED;
  }

  @Override
  public String engine() {
    return "Hadoop 3.4.2 NameNode + 1 DataNode in this JVM";
  }

  @Override
  public URI uri() {
    return URI.create("hdfs://" + host.name() + ":" + port);
  }

  @Override
  public synchronized void start() {
    if (status == Status.RUNNING) {
      return;
    }
    PortCheck.requireFree(host, port, PORT_KEY);
    PortCheck.requireFree(host, httpPort, HTTP_PORT_KEY);
    // a NameNode that fails calls System.exit by default: that would end the tests or flumelab up
    ExitUtil.disableSystemExit();
    // formatting and each restart register the NameNode's metrics again in this JVM
    DefaultMetricsSystem.setMiniClusterMode(true);
    JERSEY.setLevel(Level.SEVERE);
    try {
      dir = WorkDirs.create("hdfs");
      Configuration conf = configuration();
      NameNode.format(conf);
      nameNode = NameNode.createNameNode(new String[0], conf);
      dataNode = DataNode.createDataNode(new String[0], conf);
      awaitReady();
      status = Status.RUNNING;
    } catch (IOException | RuntimeException e) {
      status = Status.FAILED;
      stopQuietly();
      if (e instanceof ServiceException serviceException) {
        throw serviceException;
      }
      throw new ServiceException("HDFS could not start at " + uri() + ": " + e,
          "see the cause below; ports are set with " + PORT_KEY + " and " + HTTP_PORT_KEY, e);
    }
  }

  private Configuration configuration() throws IOException {
    Configuration conf = new Configuration();
    String address = host.address();
    conf.set("fs.defaultFS", uri().toString());
    conf.set("dfs.namenode.rpc-address", address + ":" + port);
    conf.set("dfs.namenode.http-address", address + ":" + httpPort);
    conf.set("dfs.namenode.name.dir", Files.createDirectories(dir.resolve("name")).toUri().toString());
    conf.set("dfs.datanode.data.dir", Files.createDirectories(dir.resolve("data")).toUri().toString());
    // the NameNode records a datanode by the address its connection comes from, which is
    // 127.0.0.1 on loopback; HDFS clients are sent there, so that is where blocks are served
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    // WebHDFS sends a browser that opens a file to the datanode's web server, by the host name the
    // datanode registered with: hadoop102's address, where that server listens, is reached from
    // this machine by a browser that knows the name hadoop102 and by one that does not
    conf.set("dfs.datanode.hostname", address);
    conf.set("dfs.datanode.http.address", address + ":0");
    conf.setInt("dfs.replication", 1);
    // students write as whoever runs the agent, as on the course's single-user cluster
    conf.setBoolean("dfs.permissions.enabled", false);
    // leave safe mode as soon as the one datanode reported, not 30 s later
    conf.setInt("dfs.namenode.safemode.extension", 0);
    conf.setInt("dfs.heartbeat.interval", 1);
    conf.setInt("dfs.namenode.handler.count", 4);
    conf.setInt("dfs.datanode.handler.count", 2);
    return conf;
  }

  private void awaitReady() {
    try {
      Awaitility.await().atMost(READY_TIMEOUT).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> dataNode.isDatanodeFullyStarted()
              && nameNode.getNamesystem().getNumLiveDataNodes() >= 1 && !nameNode.isInSafeMode());
    } catch (ConditionTimeoutException e) {
      throw new ServiceException("HDFS did not get a live datanode within "
          + READY_TIMEOUT.toSeconds() + " s", "look for errors in the log above", e);
    }
  }

  @Override
  public synchronized void stop() {
    stopQuietly();
    if (status != Status.FAILED) {
      status = Status.STOPPED;
    }
  }

  private void stopQuietly() {
    if (dataNode != null) {
      dataNode.shutdown();
      dataNode = null;
    }
    if (nameNode != null) {
      nameNode.stop();
      nameNode.join();
      nameNode = null;
    }
    if (dir != null) {
      WorkDirs.delete(dir);
      dir = null;
    }
  }

  @Override
  public synchronized Status status() {
    return status;
  }

  @Override
  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint("NameNode RPC", host, port, uri().toString()),
        new Endpoint("NameNode web UI", host, httpPort, "http://" + host.name() + ":" + httpPort));
  }
}
