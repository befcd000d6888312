package io.flumelab.cluster.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/flumelab}: the course's services on this machine. Started by the script with
 * {@code -Djdk.net.hosts.file} pointing at the hosts file {@code up} writes, so that this JVM and
 * the services in it resolve hadoop102, hadoop103 and hadoop105 to their loopback addresses.
 */
@Command(name = "flumelab", mixinStandardHelpOptions = true,
    subcommands = {UpCommand.class, StatusCommand.class, DownCommand.class,
        DashboardCommand.class},
    description = "Runs HDFS, Kafka, MySQL and Ganglia gmond on the course's hosts (hadoop102, "
        + "hadoop103, hadoop105) on this machine.")
public final class FlumeLabCommand implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Say what to do: up, status, down or dashboard");
  }

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new FlumeLabCommand())
        .setExecutionExceptionHandler((e, line, parsed) -> {
          // a failure users act on: its message, not a stack trace
          System.err.println("flumelab: " + e.getMessage());
          return 1;
        });
    System.exit(commandLine.execute(args));
  }
}
