package io.flumelab.core.topology;

/**
 * One source, channel or sink of one agent of a {@link FlowGraph}.
 *
 * @param agent the agent's {@link AgentFlow#id()}
 */
public record NodeRef(String agent, Kind kind, String name) {

  /** What a node is; sink groups are drawn around their sinks, not as nodes. */
  public enum Kind { SOURCE, CHANNEL, SINK }

  /** {@code a1.r1}: how the outline and messages name it. */
  @Override
  public String toString() {
    return agent + "." + name;
  }
}
