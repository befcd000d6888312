package io.flumelab.cluster.junit;

import io.flumelab.cluster.Cluster;
import io.flumelab.cluster.ClusterSpec;
import io.flumelab.cluster.ServiceUnavailableException;
import io.flumelab.cluster.Settings;
import io.flumelab.cluster.ganglia.GangliaService;
import io.flumelab.cluster.ganglia.GmondXml;
import io.flumelab.cluster.hdfs.HdfsService;
import io.flumelab.cluster.kafka.KafkaService;
import io.flumelab.cluster.mysql.MysqlService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Starts the {@link LabCluster} of a test class before its tests and stops it after them. */
public final class LabClusterExtension
    implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LabClusterExtension.class);
  private static final String CLUSTER = "cluster";
  private static final String CLIENTS = "clients";
  private static final String AGENTS = "agents";

  private static final List<Class<?>> TYPES = List.of(Cluster.class, HdfsService.class,
      KafkaService.class, MysqlService.class, GangliaService.class, FileSystem.class, Admin.class,
      DataSource.class, GmondXml.class, LabAgents.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    LabCluster declared = context.getRequiredTestClass().getAnnotation(LabCluster.class);
    if (declared == null) {
      throw new IllegalStateException(context.getRequiredTestClass().getName()
          + " uses LabClusterExtension without @LabCluster");
    }
    // a cluster of the class's own, stopped after it: nothing is shared between classes, so a
    // class's broker settings (kafkaAutoCreateTopics) never meet another class's tests
    Cluster cluster = new Cluster(new ClusterSpec(declared.hdfs(), declared.kafka(),
        declared.kafkaAutoCreateTopics(), declared.mysql(), declared.ganglia()));
    try {
      cluster.start(line -> System.out.println("[cluster] " + line));
    } catch (ServiceUnavailableException e) {
      if (Settings.inCi()) {
        throw e;
      }
      String message = "Skipped: " + e.getMessage();
      System.out.println("[cluster] " + message);
      Assumptions.abort(message);
    }
    context.getStore(NAMESPACE).put(CLUSTER, cluster);
    context.getStore(NAMESPACE).put(CLIENTS, new ArrayList<AutoCloseable>());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    LabAgents agents = context.getStore(NAMESPACE).remove(AGENTS, LabAgents.class);
    if (agents != null) {
      agents.close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    LabAgents agents = store.remove(AGENTS, LabAgents.class);
    if (agents != null) {
      agents.close();
    }
    @SuppressWarnings("unchecked")
    List<AutoCloseable> clients = store.remove(CLIENTS, List.class);
    if (clients != null) {
      for (AutoCloseable client : clients) {
        client.close();
      }
    }
    Cluster cluster = store.remove(CLUSTER, Cluster.class);
    if (cluster != null) {
      cluster.stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return TYPES.contains(type) || (type == String.class && parameter.isAnnotated(KafkaBootstrap.class));
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    Cluster cluster = classStore(context).get(CLUSTER, Cluster.class);
    if (type == Cluster.class) {
      return cluster;
    }
    if (type == LabAgents.class) {
      // per test method when asked by one, else for the class
      return context.getStore(NAMESPACE).computeIfAbsent(AGENTS, key -> new LabAgents(), LabAgents.class);
    }
    if (type == HdfsService.class || type == FileSystem.class) {
      HdfsService hdfs = need(cluster.hdfs(), "hdfs = true");
      return type == HdfsService.class ? hdfs : client(context, hdfs::newFileSystem);
    }
    if (type == KafkaService.class || type == Admin.class || type == String.class) {
      KafkaService kafka = need(cluster.kafka(), "kafka = 1 or 3");
      if (type == String.class) {
        return kafka.bootstrapServers();
      }
      return type == KafkaService.class ? kafka : client(context, kafka::newAdmin);
    }
    if (type == MysqlService.class || type == DataSource.class) {
      MysqlService mysql = need(cluster.mysql(), "mysql = true");
      return type == MysqlService.class ? mysql : mysql.dataSource();
    }
    GangliaService ganglia = need(cluster.ganglia(), "ganglia = true");
    return type == GangliaService.class ? ganglia : ganglia.xml();
  }

  private static <T> T need(Optional<T> service, String setting) {
    return service.orElseThrow(() -> new ParameterResolutionException(
        "This parameter needs a service the test class does not declare: add " + setting
            + " to its @LabCluster"));
  }

  private static <T extends AutoCloseable> T client(ExtensionContext context, Supplier<T> create) {
    T client = create.get();
    @SuppressWarnings("unchecked")
    List<AutoCloseable> clients = classStore(context).get(CLIENTS, List.class);
    clients.add(client);
    return client;
  }

  private static ExtensionContext.Store classStore(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    return classContext.getStore(NAMESPACE);
  }
}
