package io.flumelab.cluster.cli;

import io.flumelab.cluster.Backend;
import io.flumelab.cluster.Cluster;
import io.flumelab.cluster.ClusterSpec;
import io.flumelab.cluster.Endpoint;
import io.flumelab.cluster.Footprint;
import io.flumelab.cluster.Service;
import io.flumelab.cluster.ServiceException;
import io.flumelab.cluster.ServiceKind;
import io.flumelab.cluster.ServiceUnavailableException;
import io.flumelab.cluster.Settings;
import io.flumelab.cluster.WorkDirs;
import io.flumelab.cluster.cli.Session.ServiceEntry;
import io.flumelab.cluster.dashboard.Dashboard;
import io.flumelab.cluster.ganglia.GangliaService;
import io.flumelab.cluster.hdfs.HdfsService;
import io.flumelab.cluster.kafka.KafkaService;
import io.flumelab.cluster.mysql.MysqlService;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flumelab up}: starts the services, prints where they are, keeps them up until Ctrl-C
 * (or {@code flumelab down}), then stops them all.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Starts HDFS, Kafka, MySQL and gmond on the course's hosts and keeps them up "
        + "until Ctrl-C.")
final class UpCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--kafka", paramLabel = "BROKERS", defaultValue = "3",
      description = "Kafka brokers: 3 (hadoop102, hadoop103, hadoop105), 1 (hadoop102; less "
          + "memory) or 0. Default: ${DEFAULT-VALUE}.")
  private int kafka;

  @Option(names = "--kafka-auto-create", negatable = true, defaultValue = "true",
      fallbackValue = "true",
      description = "Whether the brokers create a topic on first use (auto.create.topics.enable)."
          + " --no-kafka-auto-create runs them as lab 13's tests do and many production clusters"
          + " are run: writing to a topic nobody created fails. Default: on.")
  private boolean kafkaAutoCreate;

  @Option(names = "--only", split = ",", paramLabel = "SERVICE",
      description = "Start only these: hdfs, kafka, mysql, ganglia (e.g. --only hdfs,kafka).")
  private List<String> only;

  @Option(names = "--dashboard", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Whether to serve the live dashboard (the services and the running agents' "
          + "topologies with their counters) as bin/flumelab dashboard does. Default: on; "
          + "--no-dashboard leaves it out.")
  private boolean dashboard;

  @Option(names = "--dashboard-port", paramLabel = "PORT", defaultValue = "" + Dashboard.DEFAULT_PORT,
      description = "The dashboard's port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 for any free "
          + "port).")
  private int dashboardPort;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    List<ServiceKind> wanted = selection();
    UserDirs dirs = UserDirs.fromSettings();
    Optional<Session> previous = Session.read(dirs.sessionFile());
    if (previous.isPresent()) {
      if (previous.get().up().isAlive()) {
        System.err.println("flumelab: flumelab up already runs (pid " + previous.get().up().pid()
            + ", since " + previous.get().started() + "); bin/flumelab status shows it, "
            + "bin/flumelab down stops it");
        return 1;
      }
      out.println("flumelab: the last flumelab up (pid " + previous.get().up().pid()
          + ") did not stop its services; removing what it left");
      Leftovers.remove(previous.get(), dirs.sessionFile(), out);
    }

    Path conf = AgentConfDir.prepare(dirs);
    Optional<Path> workDir = Optional.empty();
    if (Settings.get(WorkDirs.KEY).isEmpty()) {
      // our own place, so that down can remove the data of an up that was killed
      System.setProperty(WorkDirs.KEY, dirs.work().toString());
      workDir = Optional.of(dirs.work());
    }

    List<ServiceEntry> skipped = new ArrayList<>();
    List<ServiceKind> startable = new ArrayList<>();
    for (ServiceKind kind : wanted) {
      try {
        kind.chooseBackend();
        startable.add(kind);
      } catch (ServiceUnavailableException e) {
        if (only != null || Settings.inCi()) {
          System.err.println("flumelab: " + e.getMessage());
          return 1;
        }
        out.println(kind.id() + ": skipped, " + e.getMessage());
        // the table keeps to what to do; the line above says why
        skipped.add(ServiceEntry.skipped(kind.id(), e.fix().isEmpty() ? e.getMessage() : e.fix()));
      } catch (ServiceException e) {
        System.err.println("flumelab: " + e.getMessage());
        return 1;
      }
    }
    int brokers = startable.contains(ServiceKind.KAFKA) ? kafka : 0;
    ClusterSpec clusterSpec = new ClusterSpec(startable.contains(ServiceKind.HDFS), brokers,
        brokers == 0 || kafkaAutoCreate, startable.contains(ServiceKind.MYSQL),
        startable.contains(ServiceKind.GANGLIA));

    RecordedProcess self = RecordedProcess.of(ProcessHandle.current());
    Instant started = Instant.now();
    Path hosts = dirs.hostsFile();
    Optional<Path> work = workDir;
    Cluster cluster = new Cluster(clusterSpec);
    // status waits for every one of these, so that none is missed before it has started
    List<String> expected = startable.stream().map(ServiceKind::id).toList();
    java.util.function.BiConsumer<Boolean, List<ServiceEntry>> record = (ready, entries) ->
        new Session(self, started, ready, expected, hosts, conf, work, entries)
            .write(dirs.sessionFile());
    record.accept(false, skipped);
    // before the services, so that the page shows them starting
    Optional<Dashboard> page = dashboard ? startDashboard(dirs, out) : Optional.empty();

    CountDownLatch stopRequested = StopSignals.install();
    long begin = System.nanoTime();
    try {
      cluster.start(line -> {
        out.println(line);
        // status and down see each service as soon as it is up, with the children it runs
        record.accept(false, entries(cluster, skipped));
      });
    } catch (ServiceException e) {
      System.err.println("flumelab: " + e.getMessage());
      page.ifPresent(Dashboard::close);
      Leftovers.remove(new Session(self, started, false, expected, hosts, conf, work, List.of()),
          dirs.sessionFile(), out);
      return 1;
    }
    long millis = (System.nanoTime() - begin) / 1_000_000;
    List<ServiceEntry> entries = entries(cluster, skipped);
    Session session = new Session(self, started, true, expected, hosts, conf, work, entries);
    session.write(dirs.sessionFile());
    if (stopRequested.getCount() == 0) {
      // Ctrl-C while starting: no table, just stop
      return stop(cluster, session, dirs, page, out);
    }

    long children = Footprint.childrenRssMiB(
        cluster.services().stream().flatMap(s -> s.childPids().stream()).toList());
    long jvm = Footprint.selfRssMiB();
    out.println();
    int count = cluster.services().size();
    out.printf(Locale.ROOT, "FlumeLab is up: %d service%s in %.1f s, memory %d MiB (this JVM %d MiB, "
        + "its child processes %d MiB)%n", count, count == 1 ? "" : "s", millis / 1000.0,
        jvm + children, jvm, children);
    out.println();
    SessionTable.printServices(out, entries, null);
    SessionTable.printHosts(out, session);
    SessionTable.printUsage(out, session);
    page.ifPresent(running -> {
      out.println();
      DashboardCommand.printUrl(out, running);
    });
    out.println();
    out.println("Ctrl-C stops everything.");
    out.flush();

    try {
      stopRequested.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return stop(cluster, session, dirs, page, out);
  }

  /** The dashboard, or none with a line saying why: the services matter more than the page. */
  private Optional<Dashboard> startDashboard(UserDirs dirs, PrintStream out) {
    try {
      return Optional.of(Dashboard.start(Dashboard.DEFAULT_BIND, dashboardPort, dirs.root(),
          new SessionServices(dirs.sessionFile())));
    } catch (UncheckedIOException e) {
      out.println("dashboard: not started: " + e.getMessage() + " (--no-dashboard leaves it out)");
      return Optional.empty();
    }
  }

  private static int stop(Cluster cluster, Session session, UserDirs dirs, Optional<Dashboard> page,
      PrintStream out) {
    out.println("flumelab: stopping...");
    page.ifPresent(Dashboard::close);
    long stopBegin = System.nanoTime();
    cluster.stop();
    Leftovers.remove(session, dirs.sessionFile(), out);
    out.printf(Locale.ROOT, "flumelab: stopped in %.1f s; no service left running%n",
        (System.nanoTime() - stopBegin) / 1e9);
    return 0;
  }

  private List<ServiceKind> selection() {
    if (kafka != 0 && kafka != 1 && kafka != 3) {
      throw new ParameterException(spec.commandLine(), "--kafka must be 0, 1 or 3, not " + kafka);
    }
    List<ServiceKind> kinds = new ArrayList<>();
    for (ServiceKind kind : ServiceKind.values()) {
      boolean chosen = only == null || only.stream().anyMatch(name -> name.trim().equalsIgnoreCase(kind.id()));
      if (chosen && (kind != ServiceKind.KAFKA || kafka > 0)) {
        kinds.add(kind);
      }
    }
    if (only != null) {
      for (String name : only) {
        if (kinds().stream().noneMatch(kind -> kind.id().equalsIgnoreCase(name.trim()))) {
          throw new ParameterException(spec.commandLine(), "Unknown service '" + name
              + "' in --only: use hdfs, kafka, mysql or ganglia");
        }
      }
    }
    if (kinds.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Nothing to start: choose at least one "
          + "service (--only hdfs,kafka,mysql,ganglia; --kafka 1 or 3)");
    }
    return kinds;
  }

  private static List<ServiceKind> kinds() {
    return List.of(ServiceKind.values());
  }

  private static List<ServiceEntry> entries(Cluster cluster, List<ServiceEntry> skipped) {
    List<ServiceEntry> entries = new ArrayList<>();
    for (Service service : cluster.services()) {
      ServiceKind kind = kinds().stream().filter(k -> k.id().equals(service.name())).findFirst()
          .orElseThrow();
      Backend backend = service.backend();
      entries.add(new ServiceEntry(service.name(), backend.id(), kind.reason(backend),
          addresses(service),
          service.endpoints().stream().map(Endpoint::hostPort).distinct().toList(),
          service.childPids().stream().map(pid -> ProcessHandle.of(pid).map(RecordedProcess::of)
              .orElse(new RecordedProcess(pid, 0))).toList()));
    }
    entries.addAll(skipped);
    return entries;
  }

  /** Addresses as the course's configs write them. */
  static List<String> addresses(Service service) {
    if (service instanceof HdfsService hdfs) {
      return List.of(hdfs.uri().toString(), hdfs.endpoints().get(1).uri() + " (NameNode web UI)");
    }
    if (service instanceof KafkaService kafka) {
      return List.of(kafka.bootstrapServers());
    }
    if (service instanceof MysqlService mysql) {
      return List.of(mysql.jdbcUrl() + " user " + MysqlService.USER + "/" + MysqlService.PASSWORD);
    }
    if (service instanceof GangliaService ganglia) {
      return List.of("gmond " + GangliaService.HOST.name() + ":" + ganglia.port()
          + " (metrics over UDP, XML over TCP)");
    }
    return service.endpoints().stream().map(Endpoint::uri).toList();
  }
}
