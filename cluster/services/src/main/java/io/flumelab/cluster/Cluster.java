package io.flumelab.cluster;

import io.flumelab.cluster.ganglia.GangliaService;
import io.flumelab.cluster.hdfs.HdfsService;
import io.flumelab.cluster.kafka.KafkaService;
import io.flumelab.cluster.mysql.MysqlService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The services one test class or one {@code flumelab up} session runs, started in a fixed order
 * (HDFS, Kafka, MySQL, gmond) and stopped in the reverse order. Progress goes to a line consumer:
 * "kafka: starting (embedded: ...)", "kafka: up in 1.4 s at hadoop102:9092,...".
 */
public final class Cluster implements AutoCloseable {

  private final ClusterSpec spec;
  private final List<Service> started = new ArrayList<>();
  private final List<Started> timings = new ArrayList<>();

  /** How long a service took to start. */
  public record Started(Service service, long millis) {}

  public Cluster(ClusterSpec spec) {
    this.spec = spec;
  }

  public ClusterSpec spec() {
    return spec;
  }

  /** The services the spec asks for, in start order. */
  public List<ServiceKind> kinds() {
    List<ServiceKind> kinds = new ArrayList<>();
    if (spec.hdfs()) {
      kinds.add(ServiceKind.HDFS);
    }
    if (spec.kafkaBrokers() > 0) {
      kinds.add(ServiceKind.KAFKA);
    }
    if (spec.mysql()) {
      kinds.add(ServiceKind.MYSQL);
    }
    if (spec.ganglia()) {
      kinds.add(ServiceKind.GANGLIA);
    }
    return kinds;
  }

  /**
   * Starts every service; if one cannot start, the ones started are stopped again and its
   * {@link ServiceException} (a {@link ServiceUnavailableException} when nothing can run it here)
   * is thrown.
   */
  public synchronized Cluster start(Consumer<String> progress) {
    HostsCheck.requireCourseHosts();
    try {
      for (ServiceKind kind : kinds()) {
        Service service = ServiceFactory.create(kind, spec);
        progress.accept(kind.id() + ": starting (" + service.backend().id() + ": " + service.engine() + ")");
        long begin = System.nanoTime();
        service.start();
        long millis = (System.nanoTime() - begin) / 1_000_000;
        started.add(service);
        timings.add(new Started(service, millis));
        progress.accept(String.format("%s: up in %.1f s at %s", kind.id(), millis / 1000.0,
            String.join(", ", service.endpoints().stream().map(Endpoint::uri).toList())));
      }
      return this;
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  public synchronized List<Service> services() {
    return List.copyOf(started);
  }

  public synchronized List<Started> timings() {
    return List.copyOf(timings);
  }

  public Optional<HdfsService> hdfs() {
    return find(HdfsService.class);
  }

  public Optional<KafkaService> kafka() {
    return find(KafkaService.class);
  }

  public Optional<MysqlService> mysql() {
    return find(MysqlService.class);
  }

  public Optional<GangliaService> ganglia() {
    return find(GangliaService.class);
  }

  private synchronized <T> Optional<T> find(Class<T> type) {
    return started.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** Every endpoint of every running service, for the table {@code flumelab up} prints. */
  public synchronized List<Endpoint> endpoints() {
    return started.stream().flatMap(service -> service.endpoints().stream()).toList();
  }

  /** Stops every service, the last started first; errors are reported and the rest still stop. */
  public synchronized void stop() {
    List<Service> reverse = new ArrayList<>(started);
    Collections.reverse(reverse);
    for (Service service : reverse) {
      try {
        service.stop();
      } catch (RuntimeException e) {
        System.err.println("[" + service.name() + "] did not stop cleanly: " + e);
      }
    }
    started.clear();
    timings.clear();
  }

  @Override
  public void close() {
    stop();
  }
}
