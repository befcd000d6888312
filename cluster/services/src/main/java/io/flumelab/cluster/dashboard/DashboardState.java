package io.flumelab.cluster.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.flumelab.core.topology.AgentFlow;
import io.flumelab.core.topology.Edge;
import io.flumelab.core.topology.FlowGraphDot;
import io.flumelab.core.topology.FlowGraphs;
import io.flumelab.core.topology.NodeRef;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON the page polls ({@code /api/state}): the services, each agent with its state and
 * totals, the version of the picture ({@code topology}: the page fetches it again when it
 * changes) and the text of every live line in it by element id ({@code labels}), with the ids of
 * each agent's elements so that the page can turn a dead agent red.
 *
 * <p>A channel's inbound edges show its put rate ({@code EventPutSuccessCount} per second: all
 * its sources together), its outbound edges each sink's drain rate
 * ({@code EventDrainSuccessCount}, or the channel's take rate for a sink without counters), the
 * channel itself its fill ({@code ChannelFillPercentage}, {@code ChannelSize}).
 */
final class DashboardState {

  private static final JsonFactory JSON = new JsonFactory();

  private DashboardState() {}

  static String json(Instant now, ServicesView services, List<WatchedAgent> agents,
      LiveTopology.Drawing drawing) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("generated", now.toString());
      writeServices(json, services);
      json.writeStringField("topology", drawing.version());
      if (drawing.problem() != null) {
        json.writeStringField("topologyProblem", drawing.problem());
      }
      Map<String, String> labels = new LinkedHashMap<>();
      json.writeArrayFieldStart("agents");
      for (WatchedAgent agent : agents) {
        AgentFlow flow = flowOf(agent, drawing);
        writeAgent(json, agent, flow);
        if (flow != null && agent.state() == WatchedAgent.State.RUNNING) {
          labels.putAll(labels(flow, agent));
        }
      }
      json.writeEndArray();
      json.writeObjectFieldStart("labels");
      for (Map.Entry<String, String> label : labels.entrySet()) {
        json.writeStringField(label.getKey(), label.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** The agents to draw: each agent of each job file once, in the order they were announced. */
  static List<FlowGraphs.Declared> declared(List<WatchedAgent> agents) {
    List<FlowGraphs.Declared> declared = new ArrayList<>();
    for (WatchedAgent agent : agents) {
      FlowGraphs.Declared one = declared(agent);
      if (!declared.contains(one)) {
        declared.add(one);
      }
    }
    return declared;
  }

  private static FlowGraphs.Declared declared(WatchedAgent agent) {
    return new FlowGraphs.Declared(agent.announcement().jobFile(), agent.announcement().agent());
  }

  private static AgentFlow flowOf(WatchedAgent agent, LiveTopology.Drawing drawing) {
    int index = drawing.agents().indexOf(declared(agent));
    return drawing.graph() == null || index < 0 ? null : drawing.graph().agents().get(index);
  }

  private static void writeServices(JsonGenerator json, ServicesView services) throws IOException {
    json.writeObjectFieldStart("services");
    json.writeStringField("summary", services.summary());
    json.writeArrayFieldStart("rows");
    for (ServicesView.Row row : services.rows()) {
      json.writeStartObject();
      json.writeStringField("name", row.name());
      json.writeStringField("backend", row.backend());
      json.writeArrayFieldStart("addresses");
      for (String address : row.addresses()) {
        json.writeString(address);
      }
      json.writeEndArray();
      json.writeStringField("state", row.state());
      json.writeStringField("detail", row.detail());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeAgent(JsonGenerator json, WatchedAgent agent, AgentFlow flow)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("id", flow == null ? agent.announcement().agent() : flow.id());
    json.writeStringField("name", agent.announcement().agent());
    json.writeNumberField("pid", agent.announcement().pid());
    json.writeStringField("jobFile", agent.announcement().jobFile().toString());
    json.writeStringField("metricsUrl", agent.announcement().metricsUrl());
    json.writeStringField("state", agent.state().text());
    json.writeStringField("reason", agent.reason());
    json.writeStringField("since", agent.since().toString());
    CounterSample latest = agent.latest();
    if (latest != null) {
      json.writeNumberField("received", latest.total("SOURCE", "EventAcceptedCount"));
      json.writeNumberField("delivered", latest.total("SINK", "EventDrainSuccessCount"));
    }
    json.writeArrayFieldStart("elements");
    if (flow != null) {
      for (String id : elements(flow)) {
        json.writeString(id);
      }
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** The ids of an agent's cluster, nodes and edges in the picture. */
  static List<String> elements(AgentFlow flow) {
    List<String> ids = new ArrayList<>();
    ids.add(FlowGraphDot.agentElementId(flow));
    flow.sources().forEach(s -> ids.add(FlowGraphDot.elementId(flow.ref(NodeRef.Kind.SOURCE, s.name()))));
    flow.channels().forEach(c -> ids.add(FlowGraphDot.elementId(flow.ref(NodeRef.Kind.CHANNEL, c.name()))));
    flow.sinks().forEach(k -> ids.add(FlowGraphDot.elementId(flow.ref(NodeRef.Kind.SINK, k.name()))));
    flow.edges().forEach(e -> ids.add(FlowGraphDot.elementId(e)));
    return ids;
  }

  /** The live lines of one running agent's edges and channels. */
  static Map<String, String> labels(AgentFlow flow, WatchedAgent agent) {
    CounterSample latest = agent.latest();
    CounterSample previous = agent.previous();
    Map<String, String> labels = new LinkedHashMap<>();
    if (latest == null) {
      return labels;
    }
    for (Edge edge : flow.edges()) {
      String text;
      if (edge.from().kind() == NodeRef.Kind.SOURCE) {
        text = "put " + perSecond(latest.rate(previous, "CHANNEL." + edge.to().name(),
            "EventPutSuccessCount"));
      } else {
        Double drained = latest.rate(previous, "SINK." + edge.to().name(), "EventDrainSuccessCount");
        if (drained == null && latest.value("SINK." + edge.to().name(), "EventDrainSuccessCount") == null) {
          drained = latest.rate(previous, "CHANNEL." + edge.from().name(), "EventTakeSuccessCount");
        }
        text = "take " + perSecond(drained);
      }
      labels.put(FlowGraphDot.elementId(edge), text);
    }
    for (AgentFlow.Channel channel : flow.channels()) {
      String key = "CHANNEL." + channel.name();
      Double fill = latest.value(key, "ChannelFillPercentage");
      Double size = latest.value(key, "ChannelSize");
      labels.put(FlowGraphDot.elementId(flow.ref(NodeRef.Kind.CHANNEL, channel.name())),
          fill == null ? "fill -" : String.format(Locale.ROOT, "fill %.1f %% (%d)", fill,
              size == null ? 0 : size.longValue()));
    }
    return labels;
  }

  private static String perSecond(Double rate) {
    return rate == null ? "-/s" : String.format(Locale.ROOT, "%.1f/s", rate);
  }
}
