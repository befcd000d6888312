package io.flumelab.cluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.cli.Session.ServiceEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} judged from the session file {@code up} writes, with real ports standing in for
 * the services (a listening socket on hadoop102's address answers as a service does): ready only
 * when up has started everything it runs and each answers, "starting" before.
 */
class StatusCommandTest {

  private static final RecordedProcess ALIVE = RecordedProcess.of(ProcessHandle.current());

  @TempDir
  Path dir;
  private ServerSocket mysql;
  private ServerSocket kafka;

  @BeforeEach
  void listen() throws IOException {
    mysql = listening();
    kafka = listening();
  }

  @AfterEach
  void close() throws IOException {
    mysql.close();
    kafka.close();
  }

  @Test
  void whileUpStartsWithNothingUpYetStatusSaysStarting() {
    Session starting = session(false, List.of());

    assertThat(status(starting)).isEqualTo(StatusCommand.STARTING);
    assertThat(output(starting)).contains("flumelab up: starting (pid " + ALIVE.pid())
        .contains("still starting: mysql, kafka; status exits 4");
  }

  @Test
  void someServicesUpWhileOthersStartIsStillStarting() {
    Session halfway = session(false, List.of(entry("mysql", mysql)));

    assertThat(status(halfway)).isEqualTo(StatusCommand.STARTING);
    assertThat(output(halfway)).contains("still starting: kafka;");
  }

  @Test
  void readyWhenUpStartedEveryServiceAndEachAnswers() {
    Session ready = session(true, List.of(entry("mysql", mysql), entry("kafka", kafka),
        ServiceEntry.skipped("ganglia", "gmond not installed")));

    assertThat(status(ready)).isEqualTo(StatusCommand.READY);
    assertThat(output(ready)).contains("flumelab up: running").doesNotContain("still starting");
  }

  @Test
  void aServiceThatDoesNotAnswerOrIsMissingIsNotReady() throws IOException {
    Session missing = session(true, List.of(entry("mysql", mysql)));
    assertThat(status(missing)).isEqualTo(StatusCommand.NOT_ANSWERING);

    Session both = session(true, List.of(entry("mysql", mysql), entry("kafka", kafka)));
    kafka.close();
    assertThat(status(both)).isEqualTo(StatusCommand.NOT_ANSWERING);
    assertThat(output(both)).contains("NO: nothing at hadoop102:" + kafka.getLocalPort());
  }

  @Test
  void upGoneIsNotReadyWhateverItWrote() {
    Session gone = new Session(new RecordedProcess(ALIVE.pid(), ALIVE.startMillis() - 60_000),
        Instant.now(), true, List.of("mysql"), dir.resolve("conf/hosts"), dir.resolve("conf"),
        Optional.empty(), List.of(entry("mysql", mysql)));

    assertThat(status(gone)).isEqualTo(StatusCommand.NOT_ANSWERING);
  }

  /** A session as up writes it, read back from the file as status reads it. */
  private Session session(boolean ready, List<ServiceEntry> services) {
    Path file = dir.resolve("run/up.properties");
    new Session(ALIVE, Instant.now(), ready, List.of("mysql", "kafka"), dir.resolve("conf/hosts"),
        dir.resolve("conf"), Optional.empty(), services).write(file);
    return Session.read(file).orElseThrow();
  }

  private static ServiceEntry entry(String name, ServerSocket socket) {
    String probe = LabHost.HADOOP102.name() + ":" + socket.getLocalPort();
    return new ServiceEntry(name, "local", "test", List.of(probe), List.of(probe), List.of());
  }

  private static ServerSocket listening() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(LabHost.HADOOP102.inetAddress(), 0));
    return socket;
  }

  private static int status(Session session) {
    return StatusCommand.report(session, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
  }

  private static String output(Session session) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StatusCommand.report(session, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
