package io.flumelab.cluster.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running {@code flumelab up} left for {@code status} and {@code down} in another terminal:
 * its own process, the services it is to run ({@code expected}, known before any starts), those
 * started so far with their addresses, and the programs they run as children. Kept as a properties
 * file that {@code up} rewrites as each service comes up.
 */
record Session(RecordedProcess up, Instant started, boolean ready, List<String> expected,
    Path hostsFile, Path agentConf, Optional<Path> workDir, List<ServiceEntry> services) {

  /** One service: how it runs, its addresses as users write them, and the ports that must answer. */
  record ServiceEntry(String name, String backend, String reason, List<String> addresses,
      List<String> probes, List<RecordedProcess> children) {

    static ServiceEntry skipped(String name, String reason) {
      return new ServiceEntry(name, "not running", reason, List.of(), List.of(), List.of());
    }

    boolean running() {
      return !probes.isEmpty();
    }
  }

  /** Every child process of every service. */
  List<RecordedProcess> children() {
    return services.stream().flatMap(s -> s.children().stream()).toList();
  }

  void write(Path file) {
    Properties p = new Properties();
    p.setProperty("pid", up.format());
    p.setProperty("started", started.toString());
    p.setProperty("ready", String.valueOf(ready));
    p.setProperty("expected", String.join(",", expected));
    p.setProperty("hostsFile", hostsFile.toString());
    p.setProperty("agentConf", agentConf.toString());
    workDir.ifPresent(dir -> p.setProperty("workDir", dir.toString()));
    p.setProperty("services", String.join(",", services.stream().map(ServiceEntry::name).toList()));
    for (ServiceEntry s : services) {
      String key = "service." + s.name() + ".";
      p.setProperty(key + "backend", s.backend());
      p.setProperty(key + "reason", s.reason());
      putList(p, key + "address", s.addresses());
      p.setProperty(key + "probes", String.join(",", s.probes()));
      p.setProperty(key + "children",
          String.join(",", s.children().stream().map(RecordedProcess::format).toList()));
    }
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        p.store(out, "flumelab up: read by bin/flumelab status and down");
      }
      // status and down never read half a file
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  static Optional<Session> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    List<ServiceEntry> services = new ArrayList<>();
    for (String name : split(p.getProperty("services", ""))) {
      String key = "service." + name + ".";
      services.add(new ServiceEntry(name, p.getProperty(key + "backend", "?"),
          p.getProperty(key + "reason", ""), getList(p, key + "address"),
          split(p.getProperty(key + "probes", "")),
          split(p.getProperty(key + "children", "")).stream().map(RecordedProcess::parse).toList()));
    }
    return Optional.of(new Session(RecordedProcess.parse(p.getProperty("pid", "0")),
        Instant.parse(p.getProperty("started", Instant.EPOCH.toString())),
        Boolean.parseBoolean(p.getProperty("ready")), split(p.getProperty("expected", "")),
        Path.of(p.getProperty("hostsFile", "")),
        Path.of(p.getProperty("agentConf", "")),
        Optional.ofNullable(p.getProperty("workDir")).map(Path::of), services));
  }

  private static void putList(Properties p, String key, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      p.setProperty(key + "." + i, values.get(i));
    }
  }

  private static List<String> getList(Properties p, String key) {
    List<String> values = new ArrayList<>();
    for (int i = 0; p.getProperty(key + "." + i) != null; i++) {
      values.add(p.getProperty(key + "." + i));
    }
    return values;
  }

  private static List<String> split(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
