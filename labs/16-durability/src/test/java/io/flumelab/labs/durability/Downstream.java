package io.flumelab.labs.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Agents;
import io.flumelab.harness.Lab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The next hop, which the tests stop and start: agent d1 of {@code given/downstream.conf}, an avro
 * source on localhost:44462 writing each event as a line into {@code DURABILITY_DIR/received}.
 */
final class Downstream {

  static final String HOST = "localhost";
  static final int PORT = 44462;
  /** How long a line may take to arrive: a sink that failed waits up to 5 s before trying again. */
  static final Duration ARRIVES = Duration.ofSeconds(60);

  private final AgentProcess agent;
  private final Path received;

  private Downstream(AgentProcess agent, Path received) {
    this.agent = agent;
    this.received = received;
  }

  /** Starts d1 with {@code -DDURABILITY_DIR=dir} and waits until its avro source listens. */
  static Downstream start(Agents agents, Path dir) {
    Path received = dir.resolve("received");
    try {
      Files.createDirectories(received);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AgentProcess agent = agents.start("d1", Lab.given("downstream.conf"),
        "-DDURABILITY_DIR=" + dir).awaitListening(HOST, PORT);
    return new Downstream(agent, received);
  }

  /** Stops d1 as Ctrl-C does; it delivers what it holds first, so it exits 0. */
  void stop() {
    assertThat(agent.stop()).as("the exit status of the downstream agent d1 after SIGTERM (0: "
        + "it wrote everything it had received)").isZero();
  }

  void restart() {
    agent.restart().awaitListening(HOST, PORT);
  }

  /** The numbers of the lines received so far, each as often as it was written. */
  List<Integer> received() {
    List<Integer> numbers = new ArrayList<>();
    try (Stream<Path> files = Files.list(received)) {
      for (Path file : files.sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        // a line the sink is still writing has no newline yet
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        complete.lines().forEach(line -> {
          Matcher matcher = NumberedLines.LINE.matcher(line);
          if (matcher.matches()) {
            numbers.add(Integer.parseInt(matcher.group(1)));
          }
        });
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the files of " + received, e);
    }
    return numbers;
  }

  /** Waits until every one of these numbers was received. */
  void awaitReceived(Collection<Integer> numbers, String when) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(100))
          .until(() -> received().containsAll(numbers));
    } catch (ConditionTimeoutException e) {
      TreeSet<Integer> missing = new TreeSet<>(numbers);
      received().forEach(missing::remove);
      throw new AssertionError("The downstream agent d1 did not receive " + missing.size()
          + " of the " + numbers.size() + " lines sent " + when + " within " + ARRIVES.toSeconds()
          + " s: " + NumberedLines.ranges(missing) + ". Does the avro sink send to " + HOST + ":"
          + PORT + "?", e);
    }
  }
}
