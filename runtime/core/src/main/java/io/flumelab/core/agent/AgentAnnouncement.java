package io.flumelab.core.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A running agent telling FlumeLab's dashboard that it exists: a small JSON file in the user's
 * announcements directory ({@code <flumelab.state.dir>/run/agents}) with the agent's name, process
 * (pid and start time, so that a recycled pid is not taken for the agent), job file and the URL
 * of its counters as JSON. The agent writes it once started and removes it when it stops cleanly;
 * a killed agent leaves it behind, and readers tell by the process that the agent is gone.
 *
 * <p>Files and not a registry service: nothing has to run before an agent starts, a reader needs
 * no port, and what a killed agent leaves is found and cleaned by the next reader.
 *
 * @param startMillis the process's start time (epoch milliseconds), 0 when the system does not say
 * @param metricsUrl where the counters are served in Flume's JSON ({@code http://127.0.0.1:41414/metrics})
 */
public record AgentAnnouncement(String agent, long pid, long startMillis, Path jobFile,
    String metricsUrl, Instant announced) {

  /** The system property naming the user's FlumeLab state directory ({@code ~/.flumelab}). */
  public static final String STATE_DIR_PROPERTY = "flumelab.state.dir";
  /** Set to {@code false} for an agent that announces nothing and serves no counters unasked. */
  public static final String ENABLED_PROPERTY = "flumelab.announce";

  private static final String SUFFIX = ".agent.json";
  private static final JsonFactory JSON = new JsonFactory();

  /** The announcements directory of a state directory. */
  public static Path directory(Path stateDir) {
    return stateDir.resolve("run").resolve("agents");
  }

  /** This process announcing {@code agent}. */
  public static AgentAnnouncement ofThisProcess(String agent, Path jobFile, String metricsUrl) {
    ProcessHandle self = ProcessHandle.current();
    return new AgentAnnouncement(agent, self.pid(), startMillis(self),
        jobFile.toAbsolutePath().normalize(), metricsUrl, Instant.now());
  }

  /** The file of this announcement in {@code directory}: one per process and agent. */
  public Path file(Path directory) {
    return directory.resolve(agent.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + pid + SUFFIX);
  }

  /** Writes the file whole (a rename), so a reader never sees half of it; returns it. */
  public Path write(Path directory) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("agent", agent);
      json.writeNumberField("pid", pid);
      json.writeNumberField("startMillis", startMillis);
      json.writeStringField("jobFile", jobFile.toString());
      json.writeStringField("metricsUrl", metricsUrl);
      json.writeStringField("announced", announced.toString());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path file = file(directory);
    try {
      Files.createDirectories(directory);
      Path next = Files.createTempFile(directory, "." + file.getFileName(), ".next");
      Files.writeString(next, text + "\n", StandardCharsets.UTF_8);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the agent's announcement " + file, e);
    }
  }

  /** Whether the announcing process still runs: same pid, same start time. */
  public boolean processAlive() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(handle -> startMillis == 0 || Math.abs(startMillis(handle) - startMillis) < 1000)
        .isPresent();
  }

  /** Every readable announcement in {@code directory}, oldest first; none when it does not exist. */
  public static List<AgentAnnouncement> readAll(Path directory) {
    List<AgentAnnouncement> all = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return all;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      for (Path file : files) {
        read(file).ifPresent(all::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + directory, e);
    }
    all.sort((a, b) -> a.announced().compareTo(b.announced()));
    return all;
  }

  /**
   * The announcement in a file; empty when the file is gone (its agent stopped meanwhile) or is
   * not one (hand-edited, or written by another version): a reader skips it rather than fail.
   */
  public static Optional<AgentAnnouncement> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    String agent = null;
    String jobFile = null;
    String metricsUrl = null;
    String announced = null;
    long pid = -1;
    long startMillis = 0;
    try (JsonParser json = JSON.createParser(text)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        switch (field) {
          case "agent" -> agent = json.getValueAsString();
          case "pid" -> pid = json.getValueAsLong(-1);
          case "startMillis" -> startMillis = json.getValueAsLong(0);
          case "jobFile" -> jobFile = json.getValueAsString();
          case "metricsUrl" -> metricsUrl = json.getValueAsString();
          case "announced" -> announced = json.getValueAsString();
          default -> {
            if (value.isStructStart()) {
              json.skipChildren();
            }
          }
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    if (agent == null || pid < 0 || jobFile == null || metricsUrl == null) {
      return Optional.empty();
    }
    Instant when;
    try {
      when = announced == null ? Instant.EPOCH : Instant.parse(announced);
    } catch (DateTimeParseException e) {
      when = Instant.EPOCH;
    }
    return Optional.of(new AgentAnnouncement(agent, pid, startMillis, Path.of(jobFile), metricsUrl,
        when));
  }

  /** Removes this announcement's file, if it is there. */
  public void remove(Path directory) {
    try {
      Files.deleteIfExists(file(directory));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + file(directory), e);
    }
  }

  /**
   * Removes the announcements of processes that are gone (agents killed with SIGKILL), so that the
   * directory holds no more than the agents that run and those killed since the last sweep.
   */
  public static void removeThoseOfGoneProcesses(Path directory) {
    for (AgentAnnouncement announcement : readAll(directory)) {
      if (!announcement.processAlive()) {
        announcement.remove(directory);
      }
    }
  }

  private static long startMillis(ProcessHandle handle) {
    return handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }
}
