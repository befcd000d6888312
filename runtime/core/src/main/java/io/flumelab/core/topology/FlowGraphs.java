package io.flumelab.core.topology;

import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.AgentModel;
import io.flumelab.core.config.InvalidConfigFileException;
import io.flumelab.core.config.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the {@link FlowGraph} of job files, through the configuration package's own parsing. */
public final class FlowGraphs {

  /** One agent of one job file: what a running agent was started with ({@code -f file -n agent}). */
  public record Declared(Path file, String agent) {}

  private FlowGraphs() {}

  /**
   * The graph of every agent the files configure, or of the agents named {@code agentName} only.
   * Files with faults are drawn as written ({@code flume-ng check} is the place to find faults).
   *
   * @param agentName null for every agent
   * @throws FlowGraphException when a file cannot be read or configures no agent, or no file
   *     configures {@code agentName}
   */
  public static FlowGraph read(List<Path> files, String agentName,
      AgentConfigurations.Options options) {
    List<Declared> all = new ArrayList<>();
    for (Path file : files) {
      List<String> names = agentNames(file);
      if (names.isEmpty()) {
        throw new FlowGraphException(file + ": no agent is configured in this file (expected keys"
            + " such as a1.sources = r1). Check the path given with -f.");
      }
      names.forEach(name -> all.add(new Declared(file, name)));
    }
    List<Declared> chosen = agentName == null ? all
        : all.stream().filter(d -> d.agent().equals(agentName)).toList();
    if (chosen.isEmpty()) {
      throw new FlowGraphException("no agent '" + agentName + "' in " + files.stream()
          .map(Path::toString).collect(Collectors.joining(", ")) + "; the files configure "
          + all.stream().map(d -> d.agent() + " (" + fileName(d.file()) + ")")
              .collect(Collectors.joining(", "))
          + ". Name one of them with -n, or leave -n out to draw every agent.");
    }
    return graph(chosen, options);
  }

  /**
   * The graph of these agents only, in this order, with the hops between them: the agents that
   * run, for the dashboard, where a file's other agents do not. Each gives one {@link AgentFlow},
   * at its index.
   *
   * @throws FlowGraphException when a file cannot be read
   */
  public static FlowGraph read(List<Declared> agents, AgentConfigurations.Options options) {
    return graph(agents, options);
  }

  private static FlowGraph graph(List<Declared> chosen, AgentConfigurations.Options options) {
    Map<String, AgentModel> models = new LinkedHashMap<>();
    List<AgentFlow> flows = new ArrayList<>();
    Map<Declared, String> ids = ids(chosen);
    for (Declared declared : chosen) {
      AgentModel model = declared(declared, options);
      String id = ids.get(declared);
      models.put(id, model);
      flows.add(AgentFlows.of(model, id, fileName(declared.file())));
    }
    return new FlowGraph(flows, HopMatcher.hops(models));
  }

  /** The agent's name, or {@code name@file} where two files use one name (then {@code #2}...). */
  private static Map<Declared, String> ids(List<Declared> chosen) {
    Map<String, Long> perName = chosen.stream()
        .collect(Collectors.groupingBy(Declared::agent, Collectors.counting()));
    Map<Declared, String> ids = new HashMap<>();
    Set<String> taken = new HashSet<>();
    for (Declared declared : chosen) {
      String id = perName.get(declared.agent()) == 1 ? declared.agent()
          : declared.agent() + "@" + fileName(declared.file());
      String unique = id;
      for (int n = 2; !taken.add(unique); n++) {
        unique = id + "#" + n;
      }
      ids.put(declared, unique);
    }
    return ids;
  }

  private static List<String> agentNames(Path file) {
    try {
      return AgentConfigurations.agentNames(file);
    } catch (InvalidConfigFileException e) {
      throw unreadable(e);
    }
  }

  private static AgentModel declared(Declared declared, AgentConfigurations.Options options) {
    try {
      return AgentConfigurations.declared(declared.file(), declared.agent(), options);
    } catch (InvalidConfigFileException e) {
      throw unreadable(e);
    }
  }

  private static FlowGraphException unreadable(InvalidConfigFileException e) {
    return new FlowGraphException(e.getErrors().stream().map(Problem::render)
        .collect(Collectors.joining("\n")));
  }

  private static String fileName(Path file) {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }
}
