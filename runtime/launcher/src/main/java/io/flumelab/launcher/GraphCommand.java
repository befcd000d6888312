package io.flumelab.launcher;

import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.topology.FlowGraph;
import io.flumelab.core.topology.FlowGraphDot;
import io.flumelab.core.topology.FlowGraphException;
import io.flumelab.core.topology.FlowGraphText;
import io.flumelab.core.topology.FlowGraphs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flume-ng graph}: the topology of one or more job files (agents, their sources,
 * channels, sink groups and sinks, and the hops between agents) as an outline, as Graphviz DOT,
 * or drawn by Graphviz as SVG or PNG. Students compare it with the topology they drew.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = "Draws the topology of job files: agents, sources, channels, sink groups, sinks"
        + " and the avro/thrift/Kafka hops between agents.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:drawn",
        "1:a file cannot be read or configures no agent, or no file configures the agent of -n",
        "2:a bad command line, or the picture cannot be drawn (Graphviz's dot missing or failing)"})
final class GraphCommand implements Callable<Integer> {

  /** What to write. */
  enum Format {
    TEXT, DOT, SVG, PNG;

    boolean needsGraphviz() {
      return this == SVG || this == PNG;
    }
  }

  @Option(names = {"-f", "--conf-file"}, required = true, paramLabel = "FILE",
      description = "A job file; repeat for several (-f a.conf -f b.conf): hops between their "
          + "agents are drawn.")
  List<Path> configFiles;

  @Option(names = {"-n", "--name"}, paramLabel = "NAME",
      description = "Draw only the agents of this name; by default every agent of the files.")
  String agentName;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (an outline, the default), dot (Graphviz DOT), svg or png (drawn by "
          + "Graphviz's dot program, which must be on the PATH).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write to this file instead of the terminal (png needs one).")
  Path output;

  @Option(names = {"-c", "--conf"}, paramLabel = "DIR", description = "Accepted for symmetry with 'agent'.")
  Path confDir;

  @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = "A system property, e.g. a value for a ${NAME} of the files.")
  Map<String, String> systemProperties;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (format == Format.PNG && output == null) {
      err.println("flume-ng graph --format png writes a binary picture: name its file with -o, "
          + "e.g. -o topology.png.");
      return ExitCodes.FAILURE;
    }
    Optional<Graphviz> graphviz = format.needsGraphviz() ? Graphviz.onPath() : Optional.empty();
    if (format.needsGraphviz() && graphviz.isEmpty()) {
      err.println("flume-ng graph --format " + name(format) + " needs Graphviz's dot program, "
          + "which is not on the PATH. " + Graphviz.INSTALL_HINT);
      return ExitCodes.FAILURE;
    }
    FlowGraph graph;
    try {
      graph = FlowGraphs.read(configFiles, agentName, options());
    } catch (FlowGraphException e) {
      err.println(e.getMessage());
      return ExitCodes.INVALID_CONFIG;
    }
    try {
      byte[] content = switch (format) {
        case TEXT -> utf8(FlowGraphText.render(graph));
        case DOT -> utf8(FlowGraphDot.render(graph));
        case SVG, PNG -> graphviz.orElseThrow().render(FlowGraphDot.render(graph), name(format));
      };
      if (output == null) {
        out.print(new String(content, StandardCharsets.UTF_8));
      } else {
        Files.write(output, content);
        out.println("Wrote " + output + ": " + graph.agents().size() + " agent"
            + (graph.agents().size() == 1 ? "" : "s") + ", " + graph.hops().size() + " hop"
            + (graph.hops().size() == 1 ? "" : "s") + " (" + name(format) + ").");
      }
    } catch (IOException e) {
      err.println("flume-ng graph: " + e.getMessage() + (output == null ? ""
          : ". Check that " + output + " can be written."));
      return ExitCodes.FAILURE;
    }
    out.flush();
    return ExitCodes.OK;
  }

  private AgentConfigurations.Options options() {
    return AgentConfigurations.Options.defaults().withSystemPropertiesSetOver(systemProperties);
  }

  private static String name(Format format) {
    return format.name().toLowerCase(Locale.ROOT);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
