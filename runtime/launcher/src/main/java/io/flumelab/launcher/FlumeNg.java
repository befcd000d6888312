package io.flumelab.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code flume-ng} command line: {@code agent} runs an agent, {@code check} validates a file,
 * {@code avro-client} sends a file's lines to an avro source, {@code channel-inspect} reads a file
 * channel's directories, {@code graph} draws the topology of job files, {@code version} prints the
 * version.
 */
@Command(name = "flume-ng",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Runs FlumeLab agents, which read Apache Flume's configuration format.",
    subcommands = {AgentCommand.class, CheckCommand.class, AvroClientCommand.class,
        ChannelInspectCommand.class, GraphCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class FlumeNg {

  public static void main(String[] args) {
    // -D arguments must be in effect before Log4j reads them, which is before picocli runs
    for (String arg : args) {
      if (arg.startsWith("-D") && arg.length() > 2) {
        int eq = arg.indexOf('=');
        System.setProperty(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "" : arg.substring(eq + 1));
      }
    }
    String badLogging = LoggingSetup.apply();
    if (badLogging != null) {
      System.err.println(badLogging);
      System.exit(2);
    }
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new FlumeNg())
        .setCaseInsensitiveEnumValuesAllowed(true)
        // Flume's script passes -Dkey=value and unknown JVM-ish flags through; so do we
        .setUnmatchedOptionsArePositionalParams(false);
  }
}
