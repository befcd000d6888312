package io.flumelab.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands of vagrant/README.md, as the rehearsal runs them: each line of a fenced block, by
 * the section ({@code ## ...}) it stands in. {@code vagrant ssh NAME -c 'COMMAND'} is a command on
 * that machine; a trailing {@code # prints "A" and "B"} names what its output must come to hold.
 * Every other line is a command on the student's own computer.
 */
final class VagrantReadme {

  /** A line of a block. */
  sealed interface Step permits OnMachine, OnHost {}

  /** {@code vagrant ssh machine -c 'command'}, with what it prints if the README says. */
  record OnMachine(String machine, String command, List<String> prints) implements Step {

    /** An agent runs until stopped: the README gives it a terminal of its own. */
    boolean isAgent() {
      return command.contains("flume-ng agent");
    }
  }

  /** A command on the student's computer, such as {@code vagrant up}. */
  record OnHost(String line) implements Step {}

  private static final Pattern SSH = Pattern.compile(
      "vagrant ssh (\\S+) -c '([^']*)'(?:\\s+# prints (.*))?");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

  private VagrantReadme() {}

  /** Each section's steps, in the README's order; sections without a block are left out. */
  static Map<String, List<Step>> read(Path readme) throws IOException {
    Map<String, List<Step>> sections = new LinkedHashMap<>();
    String section = "";
    boolean inBlock = false;
    for (String line : Files.readAllLines(readme)) {
      if (line.startsWith("```")) {
        inBlock = !inBlock;
      } else if (inBlock && !line.isBlank()) {
        sections.computeIfAbsent(section, s -> new ArrayList<>()).add(step(line.strip()));
      } else if (!inBlock && line.startsWith("## ")) {
        section = line.substring(3).strip();
      }
    }
    return sections;
  }

  private static Step step(String line) {
    Matcher ssh = SSH.matcher(line);
    if (!ssh.matches()) {
      return new OnHost(line);
    }
    List<String> prints = new ArrayList<>();
    if (ssh.group(3) != null) {
      Matcher quoted = QUOTED.matcher(ssh.group(3));
      while (quoted.find()) {
        prints.add(quoted.group(1));
      }
    }
    return new OnMachine(ssh.group(1), ssh.group(2), List.copyOf(prints));
  }
}
