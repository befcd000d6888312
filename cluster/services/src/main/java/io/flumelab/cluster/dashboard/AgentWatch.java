package io.flumelab.cluster.dashboard;

import io.flumelab.core.agent.AgentAnnouncement;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The agents announced in the user's announcements directory, refreshed on demand: new files
 * become agents, a file its agent removed (a clean stop) drops the agent, a process that is gone
 * turns it dead, and counters that do not answer turn it "not answering". A dead agent stays on
 * the page, red, for {@link #KEEP_DEAD}, then is dropped and its file deleted.
 */
final class AgentWatch {

  static final Duration KEEP_DEAD = Duration.ofSeconds(60);
  private static final int TIMEOUT_MILLIS = 800;

  private final Path directory;
  private final Clock clock;
  /** By announcement file name: one per agent process. */
  private final Map<String, WatchedAgent> agents = new LinkedHashMap<>();

  AgentWatch(Path directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  Path directory() {
    return directory;
  }

  /** Reads the directory, checks each process and reads each live agent's counters. */
  synchronized List<WatchedAgent> refresh() {
    Instant now = clock.instant();
    List<AgentAnnouncement> announced = AgentAnnouncement.readAll(directory);
    Set<String> files = announced.stream().map(this::key).collect(Collectors.toSet());
    // a removed file is a clean stop; a dead agent's file may have been swept by another agent
    agents.entrySet().removeIf(entry -> !files.contains(entry.getKey())
        && entry.getValue().state() != WatchedAgent.State.DEAD);
    for (AgentAnnouncement announcement : announced) {
      agents.computeIfAbsent(key(announcement), key -> new WatchedAgent(announcement, now));
    }
    for (WatchedAgent agent : new ArrayList<>(agents.values())) {
      if (agent.state() == WatchedAgent.State.DEAD) {
        if (Duration.between(agent.since(), now).compareTo(KEEP_DEAD) >= 0) {
          agents.remove(key(agent.announcement()));
          agent.announcement().remove(directory);
        }
      } else if (!agent.announcement().processAlive()) {
        agent.died(now);
      } else {
        poll(agent, now);
      }
    }
    return List.copyOf(agents.values());
  }

  private static void poll(WatchedAgent agent, Instant now) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(
          agent.announcement().metricsUrl()).toURL().openConnection();
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      connection.setRequestProperty("Accept", "application/json");
      int status = connection.getResponseCode();
      if (status != 200) {
        InputStream error = connection.getErrorStream();
        if (error != null) {
          error.close();
        }
        agent.silent("HTTP " + status, now);
        return;
      }
      String body;
      try (InputStream in = connection.getInputStream()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      agent.answered(CounterSample.parse(System.nanoTime(), body), now);
    } catch (IOException | IllegalArgumentException e) {
      agent.silent(e.getClass().getSimpleName() + ": " + e.getMessage(), now);
    }
  }

  private String key(AgentAnnouncement announcement) {
    return announcement.file(directory).getFileName().toString();
  }
}
