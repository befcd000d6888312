package io.flumelab.cluster;

/**
 * An address a service listens on, as users write it: {@code role} says what it is ("NameNode
 * RPC"), {@code uri} how to use it ({@code hdfs://hadoop102:9000}).
 */
public record Endpoint(String role, LabHost host, int port, String uri) {

  /** hadoop102:9092 */
  public String hostPort() {
    return host.name() + ":" + port;
  }
}
