package io.flumelab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Context;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.Transaction;
import io.flumelab.filechannel.FileChannel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flume-ng channel-inspect} on the files of a real file channel. */
class ChannelInspectCommandTest {

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = FlumeNg.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(out, true));
    return commandLine.execute(args);
  }

  /** A channel that held 20 events, 5 of them taken, then stopped. */
  private void channelWithEvents() {
    FileChannel channel = new FileChannel();
    channel.setName("c1");
    channel.configure(new Context(Map.of("checkpointDir", dir.resolve("cp").toString(),
        "dataDirs", dir.resolve("d1") + "," + dir.resolve("d2"), "minimumRequiredSpace", "0",
        "checkpointOnClose", "false")));
    channel.start();
    Transaction tx = channel.getTransaction();
    tx.begin();
    for (int i = 0; i < 20; i++) {
      channel.put(EventBuilder.withBody(new byte[100]));
    }
    tx.commit();
    tx.close();
    tx = channel.getTransaction();
    tx.begin();
    for (int i = 0; i < 5; i++) {
      channel.take();
    }
    tx.commit();
    tx.close();
    channel.stop();
  }

  @Test
  void aCleanChannelExitsZeroShowingWhatItHolds() {
    channelWithEvents();

    int status = run("channel-inspect", "--checkpoint-dir", dir.resolve("cp").toString(),
        "--data-dirs", dir.resolve("d1") + "," + dir.resolve("d2"));

    assertThat(status).as(out.toString()).isZero();
    assertThat(out.toString()).contains("Events queued: 15, 0 in the checkpoint, then 2 "
        + "transactions replayed (20 puts, 5 takes)")
        .contains("  log-0 ").contains("Integrity: clean.");
  }

  @Test
  void aDamagedRecordIsNamedAndTheStatusIsOne() throws IOException {
    channelWithEvents();
    Path log = dir.resolve("d1").resolve("log-0");
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
      file.seek(Files.size(log) / 2);
      int value = file.read();
      file.seek(Files.size(log) / 2);
      file.write(~value);
    }

    int status = run("channel-inspect", "--checkpoint-dir", dir.resolve("cp").toString(),
        "--data-dirs", dir.resolve("d1") + "," + dir.resolve("d2"));

    assertThat(status).as(out.toString()).isEqualTo(1);
    assertThat(out.toString()).contains("  DAMAGED " + log + " offset ");
  }

  @Test
  void directoriesThatDoNotExistExitTwo() {
    assertThat(run("channel-inspect", "--checkpoint-dir", dir.resolve("nope").toString(),
        "--data-dirs", dir.resolve("none").toString())).isEqualTo(2);
    assertThat(out.toString()).contains("Nothing to inspect");
  }

  @Test
  void checkKnowsTheFileChannel() throws IOException {
    Path file = Files.writeString(dir.resolve("file.conf"), """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = seq
        a1.sources.r1.channels = c1
        a1.channels.c1.type = file
        a1.channels.c1.checkpointDir = CP
        a1.channels.c1.dataDirs = DATA
        a1.sinks.k1.type = null
        a1.sinks.k1.channel = c1
        """.replace("CP", dir.resolve("cp").toString())
        .replace("DATA", dir.resolve("data").toString()));

    assertThat(run("check", "-f", file.toString(), "-n", "a1")).as(out.toString()).isZero();
    assertThat(out.toString()).contains("1 channel (c1 file)");
  }
}
