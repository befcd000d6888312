package io.flumelab.labs.mysqlsource;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The source the student configured in jobs/mysql.conf (its type and keys, read as properties so
 * the test JVM never loads the student's class), and jobs the tests build around it: two such
 * sources, a value changed, another channel and sink.
 */
final class StudentJob {

  private final Map<String, String> source;

  private StudentJob(Map<String, String> source) {
    this.source = source;
  }

  static StudentJob read(Path job) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(job, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + job, e);
    }
    String sources = properties.getProperty("a1.sources", "").trim();
    if (sources.isEmpty() || sources.contains(" ")) {
      throw new AssertionError(job + " should have one source in a1.sources; it has '" + sources
          + "'");
    }
    String prefix = "a1.sources." + sources + ".";
    Map<String, String> source = new TreeMap<>();
    properties.stringPropertyNames().stream().filter(key -> key.startsWith(prefix))
        .forEach(key -> source.put(key.substring(prefix.length()), properties.getProperty(key)));
    source.remove("channels");
    return new StudentJob(source);
  }

  /** The source's keys with these changed: {@code with(Map.of("table", "teacher"))}. */
  Map<String, String> with(Map<String, String> changes) {
    Map<String, String> keys = new LinkedHashMap<>(source);
    keys.putAll(changes);
    return keys;
  }

  /** A job of these sources (name to keys) into one channel and the given lines of channel/sink. */
  static Path write(Path file, Map<String, Map<String, String>> sources, List<String> rest) {
    StringBuilder text = new StringBuilder("a1.sources = " + String.join(" ", sources.keySet())
        + "\n");
    sources.forEach((name, keys) -> {
      keys.forEach((key, value) -> text.append("a1.sources.").append(name).append('.')
          .append(key).append(" = ").append(value).append('\n'));
      text.append("a1.sources.").append(name).append(".channels = c1\n");
    });
    rest.forEach(line -> text.append(line).append('\n'));
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** A memory channel into a file_roll sink writing into dir/received, as jobs/mysql.conf has. */
  static List<String> fileRoll(Path dir, int capacity) {
    return List.of("a1.channels = c1", "a1.sinks = k1", "a1.channels.c1.type = memory",
        "a1.channels.c1.capacity = " + capacity,
        "a1.channels.c1.transactionCapacity = " + capacity,
        "a1.sinks.k1.type = file_roll", "a1.sinks.k1.channel = c1",
        "a1.sinks.k1.sink.directory = " + dir.resolve("received"),
        "a1.sinks.k1.sink.rollInterval = 0");
  }

  /** A memory channel of this capacity into an avro sink to d1 (given/downstream.conf). */
  static List<String> toDownstream(int capacity) {
    return List.of("a1.channels = c1", "a1.sinks = k1", "a1.channels.c1.type = memory",
        "a1.channels.c1.capacity = " + capacity,
        "a1.channels.c1.transactionCapacity = " + capacity,
        "a1.sinks.k1.type = avro", "a1.sinks.k1.channel = c1",
        "a1.sinks.k1.hostname = localhost", "a1.sinks.k1.port = 44495",
        "a1.sinks.k1.batch-size = " + capacity);
  }
}
