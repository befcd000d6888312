package io.flumelab.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Substitutes {@code ${NAME}} in values. {@code ${env:NAME}} reads the environment only and
 * {@code ${sys:NAME}} Java system properties only, as in Flume 1.10+; a bare {@code ${NAME}} tries
 * the environment, then system properties, then a top-level key of the same file (Flume's
 * "override file" idiom). {@code $${} writes a literal {@code ${}. Only values are substituted,
 * never keys, like Flume.
 *
 * <p>In a regex replacement (see {@link #substituteInRegexReplacement}) a bare {@code ${name}} is a
 * reference to the named group {@code name}, so it is kept as written, never looked up: Apache
 * Flume 1.11 keeps it too, unless a key of the file has that name, since it looks bare names up in
 * the file only and leaves undefined ones as written.
 */
final class Variables {

  /** What Java accepts as the name of a regex group. */
  private static final Pattern GROUP_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*");

  /**
   * The value with every resolvable variable replaced; the references that were not, and the group
   * references kept in a regex replacement although a variable of the same name is defined.
   */
  record Substitution(String value, List<String> undefined, List<String> groupsNamedLikeVariables) {}

  private final Map<String, String> env;
  private final Map<String, String> system;
  private final Map<String, String> file;

  Variables(Map<String, String> env, Map<String, String> system, Map<String, String> file) {
    this.env = env;
    this.system = system;
    this.file = file;
  }

  Substitution substitute(String value) {
    return substitute(value, false);
  }

  /**
   * Substitutes in a Java regex replacement (an interceptor's {@code replaceString}), where
   * {@code ${name}} names a group: those are kept; {@code ${env:X}} and {@code ${sys:X}} are
   * substituted as anywhere.
   */
  Substitution substituteInRegexReplacement(String value) {
    return substitute(value, true);
  }

  private Substitution substitute(String value, boolean regexReplacement) {
    if (!value.contains("${")) {
      return new Substitution(value, List.of(), List.of());
    }
    StringBuilder out = new StringBuilder();
    List<String> undefined = new ArrayList<>();
    List<String> groupsNamedLikeVariables = new ArrayList<>();
    int i = 0;
    while (i < value.length()) {
      if (value.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (value.startsWith("${", i) && value.indexOf('}', i + 2) > 0) {
        int end = value.indexOf('}', i + 2);
        String reference = value.substring(i + 2, end);
        if (regexReplacement && GROUP_NAME.matcher(reference).matches()) {
          if (lookup(reference) != null) {
            groupsNamedLikeVariables.add(reference);
          }
          out.append("${").append(reference).append('}');
          i = end + 1;
          continue;
        }
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
    return new Substitution(out.toString(), undefined, groupsNamedLikeVariables);
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

  /** Where a defined variable of this bare name comes from, for messages. */
  String sourceOf(String reference) {
    if (env.containsKey(reference)) {
      return "the environment variable " + reference;
    }
    if (system.containsKey(reference)) {
      return "the system property " + reference;
    }
    return "the key " + reference + " of this file";
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
