package io.flumelab.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Substitutes {@code ${NAME}} in values. {@code ${env:NAME}} reads the environment only and
 * {@code ${sys:NAME}} Java system properties only, as in Flume 1.10+; a bare {@code ${NAME}} tries
 * the environment, then system properties, then a top-level key of the same file (Flume's
 * "override file" idiom). {@code $${} writes a literal {@code ${}. Only values are substituted,
 * never keys, like Flume.
 */
final class Variables {

  /** The value with every resolvable variable replaced, and the references that were not. */
  record Substitution(String value, List<String> undefined) {}

  private final Map<String, String> env;
  private final Map<String, String> system;
  private final Map<String, String> file;

  Variables(Map<String, String> env, Map<String, String> system, Map<String, String> file) {
    this.env = env;
    this.system = system;
    this.file = file;
  }

  Substitution substitute(String value) {
    if (!value.contains("${")) {
      return new Substitution(value, List.of());
    }
    StringBuilder out = new StringBuilder();
    List<String> undefined = new ArrayList<>();
    int i = 0;
    while (i < value.length()) {
      if (value.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (value.startsWith("${", i) && value.indexOf('}', i + 2) > 0) {
        int end = value.indexOf('}', i + 2);
        String reference = value.substring(i + 2, end);
        String resolved = lookup(reference);
        if (resolved == null) {
          undefined.add(reference);
          out.append("${").append(reference).append('}');
        } else {
          out.append(resolved);
        }
        i = end + 1;
      } else {
        out.append(value.charAt(i++));
      }
    }
    return new Substitution(out.toString(), undefined);
  }

  private String lookup(String reference) {
    if (reference.startsWith("env:")) {
      return env.get(reference.substring(4));
    }
    if (reference.startsWith("sys:")) {
      return system.get(reference.substring(4));
    }
    String value = env.get(reference);
    if (value == null) {
      value = system.get(reference);
    }
    return value != null ? value : file.get(reference);
  }

  /** What to tell the user about an undefined reference, as a fix sentence. */
  static String howToDefine(String reference) {
    if (reference.startsWith("env:")) {
      String name = reference.substring(4);
      return "Set the environment variable " + name + " before starting the agent.";
    }
    if (reference.startsWith("sys:")) {
      String name = reference.substring(4);
      return "Start the agent with -D" + name + "=<value>.";
    }
    return "Set the environment variable " + reference + ", or start the agent with -D"
        + reference + "=<value>.";
  }
}
