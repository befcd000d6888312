package io.flumelab.harness;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * A student's job file with some keys changed, for a test that runs the student's components in
 * another setting (other values, another sink). Read as plain properties, so the test JVM never
 * loads the student's classes; the agent that runs the variant checks and loads everything.
 */
public final class JobVariant {

  private final Path source;
  private final Properties properties = new Properties();

  private JobVariant(Path source) {
    this.source = source;
    try (Reader in = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + source, e);
    }
  }

  public static JobVariant of(Path job) {
    return new JobVariant(job);
  }

  /** The value of a key as the file has it (trimmed), or null. */
  public String get(String key) {
    String value = properties.getProperty(key);
    return value == null ? null : value.strip();
  }

  /**
   * The names of the agent's components of this kind ("sources", "channels", "sinks") whose
   * {@code type} is {@code type}; fails naming the file when there is none.
   */
  public List<String> named(String agent, String kind, String type) {
    String list = get(agent + "." + kind);
    List<String> names = list == null ? List.of() : List.of(list.split("\\s+")).stream()
        .filter(name -> type.equals(get(agent + "." + kind + "." + name + ".type"))).toList();
    if (names.isEmpty()) {
      throw new AssertionError("No " + kind + " of type " + type + " in agent " + agent + " of "
          + source + ": the lab expects one");
    }
    return names;
  }

  /** Sets a key, e.g. {@code set("a1.sources.r1.field", "x")}. */
  public JobVariant set(String key, String value) {
    properties.setProperty(key, value);
    return this;
  }

  /** Removes every key that starts with {@code prefix}, e.g. a sink to be replaced. */
  public JobVariant remove(String prefix) {
    properties.stringPropertyNames().stream().filter(key -> key.startsWith(prefix))
        .forEach(properties::remove);
    return this;
  }

  /** Writes the variant; returns its path. */
  public Path writeTo(Path file) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(out, "a variant of " + source + " written by a test");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    return file;
  }
}
