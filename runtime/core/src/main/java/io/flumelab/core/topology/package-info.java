/**
 * The flow of one or more job files as a graph, for pictures rather than for running: agents,
 * their sources (with interceptors and selector), channels, sink groups and sinks, the edges
 * between them, and the hops from one agent to another over avro, thrift or Kafka.
 *
 * <p>{@link io.flumelab.core.topology.FlowGraphs#read} builds a
 * {@link io.flumelab.core.topology.FlowGraph} from the configuration package's own parsing
 * ({@link io.flumelab.core.config.AgentConfigurations#declared}); {@link
 * io.flumelab.core.topology.FlowGraphText} and {@link io.flumelab.core.topology.FlowGraphDot}
 * write it as an outline or as Graphviz DOT. JDK only: rendering DOT into a picture is the
 * launcher's ({@code flume-ng graph}).
 *
 * <p>Not an extension point: the launcher and the test tools read job files through it.
 */
package io.flumelab.core.topology;
