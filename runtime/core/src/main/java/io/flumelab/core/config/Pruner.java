package io.flumelab.core.config;

import io.flumelab.core.config.ComponentRef.Role;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Removes invalid components and what depends on them: a source or sink whose channel is gone
 * goes too, and a sink group that lost a sink is dissolved (its remaining sinks run on their own,
 * each with the default processor). Lenient mode runs what is left; strict mode uses it to check
 * the valid rest without reporting consequences of problems already reported.
 */
final class Pruner {

  private Pruner() {}

  /**
   * @param explain where to warn about each dependent dropped, or null to stay quiet
   */
  static AgentConfig prune(AgentConfig config, Set<ComponentRef> invalid, Findings explain) {
    Set<ComponentRef> removed = new LinkedHashSet<>(invalid);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (ComponentConfig source : config.sources()) {
        changed |= dropIfChannelGone(source, "channels", removed, explain);
      }
      for (ComponentConfig sink : config.sinks()) {
        changed |= dropIfChannelGone(sink, "channel", removed, explain);
      }
      for (ComponentConfig group : config.sinkGroups()) {
        if (removed.contains(group.ref())) {
          continue;
        }
        for (String sink : group.list("sinks")) {
          if (removed.contains(new ComponentRef(Role.SINK, sink))) {
            removed.add(group.ref());
            changed = true;
            note(explain, group, "sinks", group.ref().describe() + " is left out because sink '"
                + sink + "' is left out; its other sinks run on their own");
            break;
          }
        }
      }
    }
    return config.without(removed);
  }

  private static boolean dropIfChannelGone(ComponentConfig component, String key,
      Set<ComponentRef> removed, Findings explain) {
    if (removed.contains(component.ref())) {
      return false;
    }
    for (String channel : component.list(key)) {
      if (removed.contains(new ComponentRef(Role.CHANNEL, channel))) {
        removed.add(component.ref());
        note(explain, component, key, component.ref().describe()
            + " is left out because channel '" + channel + "' is left out");
        return true;
      }
    }
    return false;
  }

  private static void note(Findings explain, ComponentConfig component, String key, String message) {
    if (explain != null) {
      explain.warning(component.lineOf(key), component.section().fullKey(key), message, null);
    }
  }
}
