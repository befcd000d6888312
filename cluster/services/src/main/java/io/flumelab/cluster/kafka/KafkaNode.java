package io.flumelab.cluster.kafka;

import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.ServiceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/** One KRaft node in this JVM, broker and controller at once, on one of the course's hosts. */
final class KafkaNode {

  private final int nodeId;
  private final LabHost host;
  private final Properties properties;
  private KafkaRaftServer server;

  KafkaNode(int nodeId, LabHost host, Properties properties) {
    this.nodeId = nodeId;
    this.host = host;
    this.properties = properties;
  }

  LabHost host() {
    return host;
  }

  int nodeId() {
    return nodeId;
  }

  /** Formats the node's log directory for the cluster, as {@code kafka-storage.sh format} does. */
  void format(String clusterId, Path configFile) throws IOException {
    try (OutputStream out = Files.newOutputStream(configFile)) {
      properties.store(out, "FlumeLab Kafka node " + nodeId + " on " + host.name());
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      status = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", configFile.toString()},
          print);
    }
    if (status != 0) {
      throw new ServiceException("Formatting the Kafka log directory of node " + nodeId + " failed: "
          + output.toString(StandardCharsets.UTF_8), "see the message above");
    }
  }

  /** Blocks until the broker caught up with the controller quorum, so the majority must start too. */
  synchronized void startup() {
    server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
    server.startup();
  }

  synchronized boolean isRunning() {
    return server != null;
  }

  synchronized void shutdown() {
    if (server != null) {
      KafkaRaftServer stopping = server;
      server = null;
      stopping.shutdown();
      stopping.awaitShutdown();
    }
  }
}
