package io.flumelab.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small job files for the harness's own tests: one source, a memory channel, one sink. */
final class TestJobs {

  private TestJobs() {}

  /**
   * Writes {@code agent}'s job: source r1 of {@code sourceType}, channel c1, sink k1 of
   * {@code sinkType}, each with the settings given.
   */
  static Path write(Path file, String agent, String sourceType, Map<String, Object> source,
      String sinkType, Map<String, Object> sink) {
    StringBuilder text = new StringBuilder();
    Map<String, Object> lines = new LinkedHashMap<>();
    lines.put("sources", "r1");
    lines.put("channels", "c1");
    lines.put("sinks", "k1");
    lines.put("sources.r1.type", sourceType);
    source.forEach((key, value) -> lines.put("sources.r1." + key, value));
    lines.put("sources.r1.channels", "c1");
    lines.put("channels.c1.type", "memory");
    lines.put("sinks.k1.type", sinkType);
    sink.forEach((key, value) -> lines.put("sinks.k1." + key, value));
    lines.put("sinks.k1.channel", "c1");
    lines.forEach((key, value) -> text.append(agent).append('.').append(key).append(" = ")
        .append(value).append('\n'));
    try {
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** netcat on 127.0.0.1:port into a logger sink, agent a1. */
  static Path netcatToLogger(Path dir, int port) {
    return write(dir.resolve("netcat-" + port + ".conf"), "a1", "netcat",
        Map.of("bind", "127.0.0.1", "port", port), "logger", Map.of());
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
