package io.flumelab.core.topology;

import java.util.List;

/**
 * The agents of one or more job files and the hops between them, in a stable order: agents in the
 * order of the files given and, within a file, of their first key; components in list order.
 */
public record FlowGraph(List<AgentFlow> agents, List<Hop> hops) {

  public FlowGraph {
    agents = List.copyOf(agents);
    hops = List.copyOf(hops);
  }

  /** The agent of this id; fails naming the ids there are. */
  public AgentFlow agent(String id) {
    return agents.stream().filter(a -> a.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no agent " + id + " in "
            + agents.stream().map(AgentFlow::id).toList()));
  }
}
