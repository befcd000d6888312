package io.flumelab.core.config;

import io.flumelab.core.config.Endpoints.Listener;
import io.flumelab.core.config.Endpoints.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the network hops of an agent against itself and the other agents of its file, from the
 * settings alone: two sources on one port, a sink that sends to its own agent's source (every
 * event it delivers comes back: 10 events went round 1.38 million times in 6 s), and agents of
 * one file whose sinks and sources form a cycle.
 */
final class HopChecker {

  private final AgentConfig config;
  private final Findings findings;
  private final List<Listener> listeners;
  private final List<Target> targets;
  /** Every agent of the file, this one included, by name. */
  private final Map<String, AgentConfig> agents;
  private final TypeResolver resolver;

  private HopChecker(AgentConfig config, Map<String, AgentConfig> agents, TypeResolver resolver,
      Findings findings) {
    this.config = config;
    this.agents = agents;
    this.resolver = resolver;
    this.findings = findings;
    this.listeners = Endpoints.listeners(config, resolver);
    this.targets = Endpoints.targets(config, resolver);
  }

  /**
   * @param agents every agent the file configures, by name, this one included
   */
  static void check(AgentConfig config, Map<String, AgentConfig> agents, TypeResolver resolver,
      Findings findings) {
    HopChecker checker = new HopChecker(config, agents, resolver, findings);
    checker.checkSharedPorts();
    checker.checkOwnSources();
    checker.warnCycles();
    checker.warnPortsSharedWithOtherAgents();
  }

  private void checkSharedPorts() {
    for (int i = 0; i < listeners.size(); i++) {
      for (int j = 0; j < i; j++) {
        Listener first = listeners.get(j);
        Listener second = listeners.get(i);
        if (Endpoints.clash(first, second)) {
          ComponentConfig source = second.source();
          findings.invalid(source.ref(), second.portLine(), source.section().fullKey("port"),
              source.ref().describe() + " listens on " + second.where() + ", as "
                  + first.source().ref().describe() + " does (line " + first.portLine()
                  + "): only one of them could bind the port",
              "Give " + source.name() + " a port of its own.");
          break;
        }
      }
    }
  }

  private void checkOwnSources() {
    for (Target target : targets) {
      for (Listener listener : listeners) {
        if (!Endpoints.reaches(target, listener, true)) {
          continue;
        }
        ComponentConfig sink = target.sink();
        String channel = sink.list("channel").isEmpty() ? null : sink.list("channel").get(0);
        boolean loops = channel != null && listener.source().list("channels").contains(channel);
        findings.invalid(sink.ref(), target.hostLine(), sink.section().fullKey(Endpoints.HOSTNAME),
            sink.ref().describe() + " sends to " + target.host() + ":" + target.port() + ", where "
                + listener.source().ref().describe() + " of this same agent listens (line "
                + listener.portLine() + ")"
                + (loops ? ": every event it delivers comes back into channel " + channel
                    + " and is sent again, forever" : ": an agent's events do not need the "
                    + "network to reach its own channels"),
            "Point " + sink.section().fullKey(Endpoints.HOSTNAME) + " and "
                + sink.section().fullKey(Endpoints.PORT)
                + " at the next agent's avro source (another host or port).");
        break;
      }
    }
  }

  /**
   * A sink of this agent starts a cycle if what it sends reaches a source of another agent of the
   * file from which, hop by hop, events come back to a source of this agent. Only a warning: the
   * file does not say which machine each agent runs on.
   */
  private void warnCycles() {
    for (Target target : targets) {
      List<String> path = new ArrayList<>();
      if (cycleBack(target, path, new HashSet<>())) {
        ComponentConfig sink = target.sink();
        findings.warning(target.hostLine(), sink.section().fullKey(Endpoints.HOSTNAME),
            "the agents of this file form a cycle: " + config.agentName() + " sink "
                + sink.name() + " → " + String.join(" → ", path) + "; events sent round it would"
                + " loop forever if the agents run where these hosts point",
            "Make sure one agent of the cycle sends elsewhere (check hostname and port).");
      }
    }
  }

  /** Depth-first: whether events sent by {@code target} can come back to this agent. */
  private boolean cycleBack(Target target, List<String> path, Set<String> visited) {
    for (AgentConfig other : agents.values()) {
      if (other.agentName().equals(config.agentName())) {
        continue;
      }
      for (Listener listener : Endpoints.listeners(other, resolver)) {
        if (!Endpoints.reaches(target, listener, false)) {
          continue;
        }
        String node = other.agentName() + " source " + listener.source().name();
        if (!visited.add(node)) {
          continue;
        }
        path.add(node);
        for (Target next : Endpoints.targets(other, resolver)) {
          if (!feeds(listener, next)) {
            continue;
          }
          path.add(other.agentName() + " sink " + next.sink().name());
          for (Listener own : listeners) {
            if (Endpoints.reaches(next, own, false)) {
              path.add(config.agentName() + " source " + own.source().name());
              return true;
            }
          }
          if (cycleBack(next, path, visited)) {
            return true;
          }
          path.remove(path.size() - 1);
        }
        path.remove(path.size() - 1);
      }
    }
    return false;
  }

  /** Whether events of the listener reach the target's sink: they share a channel. */
  private static boolean feeds(Listener listener, Target target) {
    List<String> channel = target.sink().list("channel");
    return channel.size() == 1 && listener.source().list("channels").contains(channel.get(0));
  }

  /**
   * Two agents of one file on one loopback port: both are meant for one machine (a loopback
   * address is no other's), where the second to start could not listen.
   */
  private void warnPortsSharedWithOtherAgents() {
    for (Listener own : listeners) {
      if (!Hosts.isLoopbackName(own.bind())) {
        continue;
      }
      for (AgentConfig other : agents.values()) {
        if (other.agentName().equals(config.agentName())) {
          continue;
        }
        Listener clash = Endpoints.listeners(other, resolver).stream()
            .filter(l -> Hosts.isLoopbackName(l.bind()) && Endpoints.clash(own, l))
            .findFirst().orElse(null);
        if (clash != null) {
          findings.warning(own.portLine(), own.section().fullKey(Endpoints.PORT),
              own.source().ref().describe() + " listens on " + own.where() + ", as agent "
                  + other.agentName() + "'s " + clash.source().ref().describe() + " does (line "
                  + clash.portLine() + "): on one machine the second agent could not listen",
              "Give each agent's source a port of its own.");
          break;
        }
      }
    }
  }
}
