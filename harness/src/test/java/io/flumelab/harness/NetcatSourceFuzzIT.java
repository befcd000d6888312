package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent (netcat → memory channel → file_roll) under thousands of malformed connections
 * (random bytes, invalid UTF-8, over-long lines, half lines cut by a disconnect) interleaved with
 * well-formed lines whose {@code OK} the test records. The agent must stay up, stay under
 * {@value #RSS_BOUND_MB} MB resident, and deliver every acknowledged line exactly once.
 */
@ExtendWith(AgentExtension.class)
class NetcatSourceFuzzIT {

  /**
   * The agent runs with -Xmx256m (the harness's test JVM options); heap, Netty's direct buffers
   * and the JVM's own memory stay well under this when nothing leaks or piles up.
   */
  static final int RSS_BOUND_MB = 400;
  private static final int ACTIONS = 10_000;
  private static final Duration FUZZ_TIME = Duration.ofSeconds(25);
  private static final int READ_TIMEOUT_MS = 10_000;

  @TempDir
  Path dir;

  private int port;
  private SourceFuzz fuzz;

  @Test
  void malformedInputNeitherStopsTheAgentNorLosesOrDoublesAcknowledgedLines(Agents agents)
      throws Exception {
    port = TestJobs.freePort();
    Path sinkDir = Files.createDirectories(dir.resolve("out"));
    Path job = TestJobs.write(dir.resolve("netcat-fuzz.conf"), "a1", "netcat",
        Map.of("bind", "127.0.0.1", "port", port),
        "file_roll", Map.of("sink.directory", sinkDir, "sink.rollInterval", 0));
    Files.writeString(job, "a1.channels.c1.capacity = 20000\n"
        + "a1.channels.c1.transactionCapacity = 1000\n", StandardOpenOption.APPEND);
    AgentProcess agent = agents.start("a1", job).awaitListening("127.0.0.1", port);

    try (SourceFuzz run = new SourceFuzz()) {
      fuzz = run;
      run.watchMemory(agent.pid());
      Map<SourceFuzz.Step, Integer> steps = new LinkedHashMap<>();
      steps.put(this::wellFormedLines, 4);
      steps.put(this::randomBytes, 3);
      steps.put(this::invalidUtf8AfterGoodLines, 2);
      steps.put(this::overLongLine, 2);
      steps.put(this::halfLineThenDisconnect, 2);
      run.run(4, ACTIONS, FUZZ_TIME, steps);

      wellFormedLines(new Random(run.seed)); // the agent still answers after it all
      assertThat(agent.isAlive()).as("the agent is up " + run.replay()).isTrue();
      run.assertDeliveredExactlyOnce(sinkDir);
      System.out.printf("Netcat fuzz: %d malformed connections, %d acknowledged lines, peak RSS "
          + "%d MB (bound %d MB) %s%n", run.malformedCount(), run.acknowledgedCount(),
          run.peakRssKb() / 1024, RSS_BOUND_MB, run.replay());
      assertThat(run.acknowledgedCount()).as("acknowledged lines " + run.replay())
          .isGreaterThan(100);
      assertThat(run.malformedCount()).as("malformed connections " + run.replay())
          .isGreaterThan(1000);
      assertThat(run.peakRssKb() / 1024).as("peak resident MB " + run.replay())
          .isLessThan(RSS_BOUND_MB);
    }
  }

  /** 1 to 50 unique lines in one or more writes; each line answered OK is recorded. */
  private void wellFormedLines(Random random) throws IOException {
    List<String> bodies = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(50); i >= 0; i--) {
      String body = fuzz.nextBody();
      bodies.add(body);
      text.append(body).append('\n');
    }
    try (Socket socket = connect()) {
      byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
      int cut = random.nextInt(bytes.length);
      socket.getOutputStream().write(bytes, 0, cut);
      socket.getOutputStream().flush();
      socket.getOutputStream().write(bytes, cut, bytes.length - cut);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      for (String body : bodies) {
        String answer = readLine(in);
        if (answer == null) {
          return;
        }
        if (answer.equals("OK")) {
          fuzz.acknowledged(body);
        }
      }
    }
  }

  /** Up to 8 KB of any bytes, newlines included by chance; then a disconnect. */
  private void randomBytes(Random random) throws IOException {
    try (Socket socket = connect()) {
      socket.getOutputStream().write(SourceFuzz.randomBytes(random, 8192));
      socket.getOutputStream().flush();
      fuzz.malformedSent();
    }
  }

  /** Good lines, then a line that is not UTF-8: the good ones are still answered OK first. */
  private void invalidUtf8AfterGoodLines(Random random) throws IOException {
    List<String> bodies = new ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = random.nextInt(5); i > 0; i--) {
      String body = fuzz.nextBody();
      bodies.add(body);
      out.writeBytes((body + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    // a lone continuation byte, a truncated sequence, an overlong encoding, a surrogate
    byte[][] invalid = {{(byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}};
    out.writeBytes("bad ".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(invalid[random.nextInt(invalid.length)]);
    out.write('\n');
    try (Socket socket = connect()) {
      socket.getOutputStream().write(out.toByteArray());
      socket.getOutputStream().flush();
      fuzz.malformedSent();
      InputStream in = socket.getInputStream();
      for (String body : bodies) {
        String answer = readLine(in);
        if (answer == null) {
          return;
        }
        if (answer.equals("OK")) {
          fuzz.acknowledged(body);
        }
      }
      readLine(in); // FAILED, then the source closes the connection
    }
  }

  /** A line of 513 bytes to 200 KB: cut to max-line-length and delivered, answered OK. */
  private void overLongLine(Random random) throws IOException {
    byte[] line = new byte[513 + random.nextInt(200_000)];
    for (int i = 0; i < line.length - 1; i++) {
      line[i] = (byte) ('a' + random.nextInt(26));
    }
    line[line.length - 1] = '\n';
    try (Socket socket = connect()) {
      socket.getOutputStream().write(line);
      socket.getOutputStream().flush();
      fuzz.malformedSent();
      readLine(socket.getInputStream());
    }
  }

  /** The start of a line that looks like a good one, never ended: it must not be delivered. */
  private void halfLineThenDisconnect(Random random) throws IOException {
    String body = fuzz.nextBody();
    try (Socket socket = connect()) {
      socket.getOutputStream().write(body.substring(0, 1 + random.nextInt(body.length() - 1))
          .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      fuzz.malformedSent();
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(READ_TIMEOUT_MS); // a guard against hanging, never a pause
    socket.setTcpNoDelay(true);
    return socket;
  }

  /** The next answer line, or null if the connection ended or timed out first. */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    try {
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          return null;
        }
        line.append((char) b);
      }
    } catch (SocketTimeoutException | SocketException e) {
      return null;
    }
    return line.toString();
  }
}
