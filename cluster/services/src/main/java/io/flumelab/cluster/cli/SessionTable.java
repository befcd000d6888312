package io.flumelab.cluster.cli;

import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.cli.Session.ServiceEntry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The table {@code up} and {@code status} print: services, hosts, and how to use them. */
final class SessionTable {

  private SessionTable() {}

  /**
   * Prints one row per service; {@code answers}, when given, adds a column saying whether its ports
   * accept connections ({@code status}).
   */
  static void printServices(PrintStream out, List<ServiceEntry> services,
      Function<ServiceEntry, String> answers) {
    List<String[]> rows = new ArrayList<>();
    rows.add(answers == null ? new String[] {"service", "backend", "address"}
        : new String[] {"service", "backend", "address", "answers"});
    for (ServiceEntry s : services) {
      List<String> addresses = s.addresses().isEmpty() ? List.of("-") : s.addresses();
      for (int i = 0; i < addresses.size(); i++) {
        String name = i == 0 ? s.name() : "";
        String backend = i == 0 ? s.backend() + ": " + s.reason() : "";
        rows.add(answers == null ? new String[] {name, backend, addresses.get(i)}
            : new String[] {name, backend, addresses.get(i), i == 0 ? answers.apply(s) : ""});
      }
    }
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        line.append(c == columns - 1 ? row[c] : String.format("%-" + (widths[c] + 2) + "s", row[c]));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** The course's names and their addresses, and the JVM option that applies them. */
  static void printHosts(PrintStream out, Session session) {
    out.println();
    out.println("hosts (JVMs started with -Djdk.net.hosts.file=" + session.hostsFile()
        + "; /etc/hosts is not changed):");
    for (LabHost host : LabHost.COURSE) {
      out.println("  " + host.name() + " -> " + host.address());
    }
    out.println("  " + LabHost.LOCALHOST.name() + " -> " + LabHost.LOCALHOST.address());
  }

  /** How to run an agent and the Kafka tools against the services. */
  static void printUsage(PrintStream out, Session session) {
    out.println();
    out.println("run an agent against them, in another terminal (its conf dir holds the hosts file):");
    out.println("  bin/flume-ng agent -c " + session.agentConf()
        + " -n a1 -f <job.conf> -Dflume.root.logger=INFO,console");
    if (session.services().stream().anyMatch(s -> s.name().equals("kafka") && s.running())) {
      out.println("kafka's tools:");
      out.println("  bin/kafka-topics.sh --bootstrap-server hadoop102:9092 --list");
      out.println("  bin/kafka-console-consumer.sh --bootstrap-server hadoop102:9092 --topic first");
    }
    out.println("in another terminal: bin/flumelab status, bin/flumelab down");
  }
}
