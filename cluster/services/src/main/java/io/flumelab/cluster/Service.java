package io.flumelab.cluster;

import java.util.List;

/**
 * A real service the labs run against (HDFS, Kafka, MySQL, gmond), on one of its backends. Starting
 * blocks until clients can use it, or fails within seconds with a {@link ServiceException} that
 * names the reason and the fix; it never hangs.
 */
public interface Service extends AutoCloseable {

  /** hdfs, kafka, mysql or ganglia. */
  String name();

  Backend backend();

  /** A short description of what runs, e.g. "MiniDFSCluster, 1 datanode" or "mariadbd 10.11". */
  String engine();

  void start();

  /** Stops the service and removes its data; stopping a stopped service does nothing. */
  void stop();

  Status status();

  /** Where clients reach it; empty until started. */
  List<Endpoint> endpoints();

  /** Process ids of the programs this service runs as children, for memory figures. */
  default List<Long> childPids() {
    return List.of();
  }

  @Override
  default void close() {
    stop();
  }

  enum Status { STOPPED, RUNNING, FAILED }
}
