package io.flumelab.core.source.exec;

import static io.flumelab.core.testing.SourceTesting.context;
import static io.flumelab.core.testing.TestData.bodies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.ConfigurationException;
import io.flumelab.core.testing.LogCapture;
import io.flumelab.core.testing.SourceHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The exec source running real commands into a real memory channel. */
class ExecSourceTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir
  Path dir;

  @RegisterExtension
  final SourceHarness harness = new SourceHarness();
  private final List<String> taken = new ArrayList<>();
  private final LogCapture log = LogCapture.attach(ExecSource.class, Level.INFO);
  private ExecSource source;

  @AfterEach
  void closeLog() {
    log.close();
  }

  private ExecSource start(Map<String, String> channelSettings, String... settings) {
    harness.startChannel(channelSettings);
    source = harness.start(configured(settings));
    return source;
  }

  private static ExecSource configured(String... settings) {
    ExecSource exec = new ExecSource();
    exec.setName("r1");
    exec.configure(context(Map.of("batchTimeout", "50"), settings));
    return exec;
  }

  /** Takes what the channel holds, a few events per transaction, into {@link #taken}. */
  private List<String> takeAll() {
    taken.addAll(bodies(harness.takeAvailable()));
    return taken;
  }

  private List<String> takeUntil(int count) {
    await().atMost(WAIT).until(() -> takeAll().size() >= count);
    return taken;
  }

  private static void append(Path file, String... lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void tailFollowsAppendsAndRotationAsInTheCourse() throws IOException {
    Path log4j = dir.resolve("hive.log");
    append(log4j, "before start");
    start(Map.of(), "shell", "/bin/bash -c", "command", "tail -F " + log4j);
    assertThat(takeUntil(1)).containsExactly("before start");

    append(log4j, "one", "two");
    assertThat(takeUntil(3)).containsExactly("before start", "one", "two");

    // log rotation: the old file is renamed away and a new one created under the old name
    Files.move(log4j, dir.resolve("hive.log.1"));
    append(log4j, "after rotation");
    assertThat(takeUntil(4)).endsWith("after rotation");
    assertThat(source.runs()).isEqualTo(1);
  }

  @Test
  void withoutShellTheCommandIsSplitOnWhitespace() {
    start(Map.of(), "command", "printf %s\\n a b");
    assertThat(takeUntil(2)).containsExactly("a", "b");
  }

  @Test
  void aCommandThatEndsIsReportedAndNotRestartedByDefault() {
    start(Map.of(), "shell", "/bin/sh -c", "command", "echo one; echo why >&2; exit 3");
    assertThat(takeUntil(1)).containsExactly("one");
    await().atMost(WAIT).until(() -> log.lines().stream().anyMatch(l -> l.startsWith("WARN")));
    assertThat(log.lines()).anySatisfy(line -> assertThat(line)
        .startsWith("WARN Exec source r1: command [echo one; echo why >&2; exit 3] exited with "
            + "status 3; its last error output: why")
        .contains("restart is false"));
    assertThat(source.runs()).isEqualTo(1);
  }

  @Test
  void restartRunsTheCommandAgainAfterTheThrottle() {
    start(Map.of(), "shell", "/bin/sh -c", "command", "echo tick", "restart", "true",
        "restartThrottle", "20");
    assertThat(takeUntil(3)).startsWith("tick", "tick", "tick");
    assertThat(source.runs()).isGreaterThanOrEqualTo(3);
    assertThat(log.lines()).anyMatch(l -> l.contains("exited with status 0; restarting it in 20 ms"));
  }

  @Test
  void logStdErrLogsTheErrorOutput() {
    start(Map.of(), "shell", "/bin/sh -c", "command", "echo problem >&2", "logStdErr", "true");
    await().atMost(WAIT).until(() -> log.lines().contains("INFO Exec source r1 stderr: problem"));
  }

  @Test
  void aCommandThatCannotStartIsExplained() {
    start(Map.of(), "command", "/no/such/program --flag");
    await().atMost(WAIT).until(() -> log.lines().stream().anyMatch(l ->
        l.startsWith("WARN Exec source r1: command [/no/such/program --flag] could not be started")
            && l.contains("check command")));
  }

  @Test
  void stoppingEndsTheCommandAndItsChildren() {
    Path file = dir.resolve("app.log");
    start(Map.of(), "shell", "/bin/bash -c", "command", "tail -F " + file + " | cat");
    await().atMost(WAIT).until(() -> source.process() != null
        && source.process().descendants().count() >= 2);
    Process process = source.process();
    List<ProcessHandle> children = process.descendants().toList();
    harness.stop(source);
    assertThat(process.isAlive()).isFalse();
    assertThat(children).noneMatch(ProcessHandle::isAlive);
  }

  @Test
  void aFullChannelHoldsTheLinesInsteadOfDroppingThem() {
    start(Map.of("capacity", "10", "transactionCapacity", "5", "keep-alive", "0"),
        "command", "seq 1 300", "batchSize", "5");
    await().atMost(WAIT).until(() -> source.getCounter().getChannelWriteFail() > 0);
    // a slow sink: take until every line has come through
    await().atMost(Duration.ofSeconds(60)).until(() -> takeAll().size() >= 300);
    assertThat(taken).isEqualTo(IntStream.rangeClosed(1, 300).mapToObj(Integer::toString).toList());
    assertThat(source.getCounter().getEventAcceptedCount()).isEqualTo(300);
    assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN Exec source r1: the channels refused "
        + "a batch of 5 lines"));
  }

  @Test
  void commandIsRequired() {
    assertThatThrownBy(() -> configured("shell", "/bin/sh -c"))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("command"));
    assertThatThrownBy(() -> configured("command", "x", "charset", "no-such"))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("charset"));
  }
}
