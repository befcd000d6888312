package io.flumelab.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/** The agents a file configures: the prefixes of its {@code <agent>.sources/channels/sinks} lists. */
final class AgentNames {

  private static final Set<String> LISTS = Set.of("sources", "channels", "sinks", "sinkgroups");

  private AgentNames() {}

  static List<String> in(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      return List.of(); // the check of a missing file reports it
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> names = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      String[] parts = key.split("\\.");
      if (parts.length == 2 && LISTS.contains(parts[1])) {
        names.add(parts[0]);
      }
    }
    return new ArrayList<>(names);
  }
}
