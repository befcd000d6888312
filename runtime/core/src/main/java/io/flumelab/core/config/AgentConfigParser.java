package io.flumelab.core.config;

import io.flumelab.core.config.ComponentRef.Role;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks one agent's keys out of a file and sorts them into lists and component sections. Reports
 * what is wrong with the structure (missing lists, keys of unlisted components, undefined
 * variables); what is wrong with a component's content is the checker's job.
 */
final class AgentConfigParser {

  private final String agentName;
  private final String prefix;
  private final Findings findings;
  private final Map<Role, List<String>> lists = new EnumMap<>(Role.class);
  private final Map<Role, Integer> listLines = new EnumMap<>(Role.class);
  private final Map<Role, Map<String, Map<String, Property>>> sections = new EnumMap<>(Role.class);

  private AgentConfigParser(String agentName, Findings findings) {
    this.agentName = agentName;
    this.prefix = agentName + ".";
    this.findings = findings;
    for (Role role : Role.values()) {
      sections.put(role, new LinkedHashMap<>());
    }
  }

  /** The agent's configuration, or null if the file has nothing for it (a fatal finding). */
  static AgentConfig parse(String text, String agentName, Map<String, String> env,
      Map<String, String> systemProperties, Findings findings) {
    return new AgentConfigParser(agentName, findings).parse(text, env, systemProperties);
  }

  private AgentConfig parse(String text, Map<String, String> env, Map<String, String> system) {
    PropertiesReader.Result read = PropertiesReader.read(text);
    read.errors().forEach(e -> findings.flaw(null, e.line(), null, e.message(), null));
    Map<String, String> fileValues = new LinkedHashMap<>();
    read.entries().forEach(p -> fileValues.put(p.key(), p.value()));
    Variables variables = new Variables(env, system, fileValues);

    Map<String, Property> own = new LinkedHashMap<>();
    for (Property raw : read.entries()) {
      if (!raw.key().startsWith(prefix)) {
        continue; // another agent's key, or a variable for substitution
      }
      Property earlier = own.get(raw.key());
      if (earlier != null) {
        findings.warning(raw.line(), raw.key(), "set twice; this value replaces the one on line "
            + earlier.line(), "Remove the line you do not mean.");
      }
      own.put(raw.key(), substitute(raw, variables));
    }
    if (own.isEmpty()) {
      findings.fatal(0, null, "no properties for agent '" + agentName + "'",
          otherAgents(read.entries()));
      return null;
    }
    own.values().forEach(this::place);
    return build();
  }

  private Property substitute(Property raw, Variables variables) {
    boolean regexReplacement = isRegexReplacement(raw.key());
    Variables.Substitution result = regexReplacement
        ? variables.substituteInRegexReplacement(raw.value()) : variables.substitute(raw.value());
    for (String group : result.groupsNamedLikeVariables()) {
      findings.warning(raw.line(), raw.key(), "${" + group + "} is kept as a reference to the regex "
          + "group '" + group + "', not replaced by " + variables.sourceOf(group) + " (in "
          + "replaceString, ${name} names a group of searchPattern)", "Write ${env:" + group
          + "} or ${sys:" + group + "} if you meant the variable; otherwise rename the group or "
          + "the variable so that the two cannot be confused.");
    }
    for (String reference : result.undefined()) {
      String what = reference.startsWith("env:") ? "environment variable "
          : reference.startsWith("sys:") ? "system property " : "variable ";
      findings.invalid(subjectOf(raw.key()), raw.line(), raw.key(),
          "undefined " + what + "${" + reference + "}", Variables.howToDefine(reference));
    }
    return new Property(raw.key(), result.value(), raw.line());
  }

  /**
   * Whether the key is an interceptor's {@code replaceString}, a Java regex replacement in which
   * {@code ${name}} names a group (Flume's search_replace interceptor, and custom ones that follow
   * it). Decided by the key, since substitution comes before types are resolved.
   */
  private boolean isRegexReplacement(String key) {
    String[] parts = key.substring(prefix.length()).split("\\.", -1);
    return parts.length == 5 && parts[0].equals(Role.SOURCE.listKey())
        && parts[2].equals("interceptors") && parts[4].equals("replaceString");
  }

  /** Files one key: a list, a component's key, or a mistake. */
  private void place(Property property) {
    String rest = property.key().substring(prefix.length());
    int dot = rest.indexOf('.');
    Role role = Role.ofListKey(dot < 0 ? rest : rest.substring(0, dot));
    if (role == null) {
      String head = dot < 0 ? rest : rest.substring(0, dot);
      List<String> names = new ArrayList<>();
      for (Role r : Role.values()) {
        names.add(r.listKey());
      }
      String didYouMean = Suggestions.didYouMean(head, names);
      findings.flaw(null, property.line(), property.key(), "unknown agent key '" + head + "'",
          didYouMean != null ? didYouMean
              : "An agent's keys start with sources, channels, sinks or sinkgroups.");
      return;
    }
    if (dot < 0) {
      findings.commas(null, property.line(), property.key(), property.value());
      lists.put(role, Section.split(property.value()));
      listLines.put(role, property.line());
      return;
    }
    String tail = rest.substring(dot + 1);
    int nameEnd = tail.indexOf('.');
    if (nameEnd <= 0 || nameEnd == tail.length() - 1) {
      String name = nameEnd < 0 ? tail : tail.substring(0, Math.max(nameEnd, 0));
      findings.flaw(null, property.line(), property.key(),
          "incomplete key: a property name must follow the " + role.label() + " name",
          "Write '" + prefix + role.listKey() + "." + (name.isEmpty() ? "<name>" : name)
              + ".<property> = <value>'.");
      return;
    }
    sections.get(role)
        .computeIfAbsent(tail.substring(0, nameEnd), n -> new LinkedHashMap<>())
        .put(tail.substring(nameEnd + 1), property);
  }

  private AgentConfig build() {
    Map<Role, Map<String, ComponentConfig>> components = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      Map<String, ComponentConfig> listed = new LinkedHashMap<>();
      Map<String, Map<String, Property>> configured = sections.get(role);
      String listKey = prefix + role.listKey();
      List<String> names = lists.get(role);
      if (names == null || names.isEmpty()) {
        if (role != Role.SINK_GROUP) {
          reportMissingList(role, listKey, names == null, configured.keySet());
        } else if (!configured.isEmpty()) {
          reportUnlisted(role, configured, listed, listKey);
        }
        components.put(role, listed);
        continue;
      }
      int line = listLines.get(role);
      findings.repeats(null, line, listKey, role.label(), names);
      for (String name : names) {
        if (listed.containsKey(name)) {
          continue;
        }
        Section section = new Section(listKey + "." + name + ".",
            configured.getOrDefault(name, Map.of()));
        listed.put(name, new ComponentConfig(role, name, line, section));
      }
      reportUnlisted(role, configured, listed, listKey);
      components.put(role, listed);
    }
    return new AgentConfig(findings.file(), agentName, components, listLines);
  }

  private void reportMissingList(Role role, String listKey, boolean absent, Set<String> configured) {
    String example = configured.isEmpty() ? "<names>" : String.join(" ", configured);
    findings.flaw(null, absent ? 0 : listLines.get(role), listKey,
        "no " + role.listKey() + " listed", "Add '" + listKey + " = " + example + "'.");
  }

  /**
   * A component with a type but missing from the list is a warning: leaving a component out of
   * the list is how Flume users switch it off, and Flume ignores it. Keys without a type under an
   * unlisted name are a problem: they are most likely a misspelt name, and ignoring them would
   * silently lose a setting.
   */
  private void reportUnlisted(Role role, Map<String, Map<String, Property>> configured,
      Map<String, ComponentConfig> listed, String listKey) {
    int listLine = listLines.getOrDefault(role, 0);
    String listPlace = listKey + (listLine > 0 ? " (line " + listLine + ")" : "");
    configured.forEach((name, keys) -> {
      if (listed.containsKey(name)) {
        return;
      }
      ComponentRef ref = new ComponentRef(role, name);
      Property type = keys.get("type");
      if (type != null) {
        findings.warning(type.line(), type.key(), ref.describe()
            + " is configured but not listed in " + listKey + ", so it is ignored",
            "Add it to " + listPlace + " to run it.");
        return;
      }
      Property first = keys.values().iterator().next();
      String didYouMean = Suggestions.didYouMean(name, listed.keySet());
      findings.flaw(ref, first.line(), first.key(), ref.describe() + " is not listed in " + listKey,
          didYouMean != null ? didYouMean : "List it in " + listPlace + ", or remove its keys.");
    });
  }

  /** The component a key belongs to, or null for the agent's lists. */
  private ComponentRef subjectOf(String key) {
    String[] parts = key.substring(prefix.length()).split("\\.", 3);
    Role role = Role.ofListKey(parts[0]);
    return role == null || parts.length < 3 ? null : new ComponentRef(role, parts[1]);
  }

  /** The agents a file configures, in file order: the names before its lists' keys. */
  static Set<String> agentNames(String text) {
    return agentNames(PropertiesReader.read(text).entries());
  }

  private static Set<String> agentNames(List<Property> entries) {
    Set<String> agents = new LinkedHashSet<>();
    for (Property entry : entries) {
      String[] parts = entry.key().split("\\.", 3);
      if (parts.length >= 2 && Role.ofListKey(parts[1]) != null) {
        agents.add(parts[0]);
      }
    }
    return agents;
  }

  /** Which agents the file does configure: for the "no properties for agent" fix. */
  private String otherAgents(List<Property> entries) {
    Set<String> agents = agentNames(entries);
    if (agents.isEmpty()) {
      return "The file configures no agent; its keys should look like '" + prefix + "sources = r1'.";
    }
    String didYouMean = Suggestions.didYouMean(agentName, agents);
    String names = "'" + String.join("', '", agents) + "'";
    String which = agents.size() == 1
        ? "The file configures agent " + names + "; start it with --name " + agents.iterator().next() + "."
        : "The file configures agents " + names + "; start one of them with --name.";
    return didYouMean == null ? which : didYouMean + " " + which;
  }
}
