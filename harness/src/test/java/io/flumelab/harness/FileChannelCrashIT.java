package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flumelab.harness.NumberedLoad.Ledger;
import io.flumelab.harness.RolledOutput.Partial;
import io.flumelab.harness.RolledOutput.Run;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file channel under {@code kill -9}: an agent (netcat → file channel → file_roll) runs as a
 * process while numbered lines stream in over two connections, each line acknowledged with
 * {@code OK} once its put committed; the agent is killed with SIGKILL at a moment a seeded random
 * picks, then started again on the same directories, cycle after cycle. At the end the agent is
 * stopped gracefully, once under load and once drained, and what file_roll wrote is read back.
 *
 * <p>What must hold:
 * <ul>
 *   <li>Every acknowledged number arrived downstream at least once (no committed put is lost).
 *   <li>Every complete line read back is a well-formed number that was sent (nothing damaged or
 *       invented; lines sent but never acknowledged may or may not arrive, as at-least-once
 *       allows).
 *   <li>Duplicates come only from a sink batch that file_roll wrote but whose take had not
 *       committed when the agent was killed: the earlier copy of every duplicated number lies in
 *       the last {@value #SINK_BATCH} lines of a run that ended in a kill. So duplicates are at
 *       most kills × {@value #SINK_BATCH}. The load never sends a number twice, so the source side
 *       adds none.
 *   <li>A partial last line (a write a kill cut short) is only ever the end of the last file of a
 *       killed run, never in a run that stopped gracefully; it counts as not delivered.
 *   <li>No run prints an ERROR (a recovery ERROR means committed events may be lost), and each
 *       restart logs the channel's recovery summary. This is judged after the data, so a false
 *       alarm is told apart from a loss.
 * </ul>
 *
 * <p>Why a batch file_roll wrote before the kill cannot be lost or doubled beyond that: the sink
 * ({@code RollingFileSink} on {@code BatchSink}) takes a batch in one transaction, writes all of
 * it to the file with plain {@code write} calls (the operating system's cache, which a killed
 * process cannot take back), and only then commits the take; it fsyncs only when it closes a
 * file. So at a kill the batch in hand is either committed (written in full, never redelivered),
 * or not (redelivered after the restart: its lines written before the kill are the duplicates, a
 * line the kill cut in half is the partial). A power loss would be another matter (unforced file
 * data); SIGKILL is what this test is about.
 *
 * <p>Where the kills land: each cycle picks one of three moments: after a random delay under load
 * (puts and takes in flight), as a checkpoint is being written (the channel's
 * {@code checkpoint.tmp} appears), or as a log segment is being started (a new {@code log-N}
 * appears), with frequent checkpoints ({@value #CHECKPOINT_INTERVAL_MS} ms, to two directories:
 * {@code useDualCheckpoints}) and small segments ({@value #MAX_FILE_SIZE} bytes, in two data
 * directories) so there are many of both. After each kill the files say where
 * it landed (a {@code checkpoint.tmp} or {@code retired.tmp} left behind, a newest segment holding
 * only its header); the tally is printed.
 *
 * <p>{@code -Dflumelab.crash.cycles=100} runs 100 cycles (10 by default);
 * {@code -Dflumelab.crash.seed=N} replays the choices of a run whose seed was printed.
 */
@ExtendWith(AgentExtension.class)
class FileChannelCrashIT {

  private static final int CYCLES = Integer.getInteger("flumelab.crash.cycles", 10);
  private static final long SEED = Long.getLong("flumelab.crash.seed",
      ThreadLocalRandom.current().nextLong());

  static final int SINK_BATCH = 100;
  static final int CHECKPOINT_INTERVAL_MS = 200;
  static final int MAX_FILE_SIZE = 64 * 1024;
  private static final int CONNECTIONS = 2;
  private static final String HOST = "127.0.0.1";

  /** The longest a kill waits under load, and the longest a watched moment may take to come. */
  private static final int MAX_KILL_DELAY_MS = 1500;
  private static final Duration MOMENT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final Pattern RECOVERED = Pattern.compile(
      "Channel c1: (\\d+) events recovered from (.*) and (\\d+) transactions replayed");

  private static final String NO_SUMMARY = "no recovery summary";

  /** Where a cycle aims its kill. */
  enum Moment { UNDER_LOAD, CHECKPOINT, SEGMENT_ROLL }

  /** Where a kill turned out to land, from the files it left. */
  enum Landing { CHECKPOINT_WRITE, SEGMENT_RETIREMENT, NEW_SEGMENT, PARTIAL_SINK_LINE }

  @TempDir
  Path dir;

  private Path checkpointDir;
  private Path backupDir;
  private List<Path> dataDirs;
  private Path out;

  @Test
  void everyAcknowledgedEventSurvivesKillsAndDuplicatesStayWithinOneSinkBatchPerKill(
      Agents agents) throws Exception {
    String replay = "seed " + SEED + " (replay: -Dflumelab.crash.seed=" + SEED
        + " -Dflumelab.crash.cycles=" + CYCLES + ")";
    System.out.println("FileChannelCrashIT: " + CYCLES + " cycles, " + replay);
    Random random = new Random(SEED);
    long began = System.nanoTime();
    int port = TestJobs.freePort();
    Path job = writeJob(port);
    Ledger ledger = new Ledger();
    List<long[]> killedRuns = new ArrayList<>(); // {started after, killed at} in epoch millis
    Map<Moment, Integer> aimed = new EnumMap<>(Moment.class);
    Map<Landing, Integer> landed = new EnumMap<>(Landing.class);
    List<String> recoveries = new ArrayList<>();

    long startedAfter = System.currentTimeMillis();
    AgentProcess agent = agents.start("a1", job).awaitListening(HOST, port);
    for (int cycle = 1; cycle <= CYCLES; cycle++) {
      Moment moment = Moment.values()[random.nextInt(Moment.values().length)];
      int delayMillis = random.nextInt(moment == Moment.UNDER_LOAD ? MAX_KILL_DELAY_MS : 400);
      aimed.merge(moment, 1, Integer::sum);
      NumberedLoad load = NumberedLoad.start(HOST, port, CONNECTIONS, ledger);
      try (WatchService watch = watch(moment)) {
        TimeUnit.MILLISECONDS.sleep(delayMillis); // the random part of the kill's moment
        if (watch != null) {
          awaitCreated(watch, moment == Moment.CHECKPOINT ? "checkpoint.tmp"::equals
              : name -> name.startsWith("log-"));
        }
        agent.kill();
      }
      long killedAt = System.currentTimeMillis();
      killedRuns.add(new long[] {startedAfter, killedAt});
      List<Landing> landings = landings();
      landings.forEach(landing -> landed.merge(landing, 1, Integer::sum));
      load.awaitEnd(WAIT);
      System.out.printf(Locale.ROOT, "FileChannelCrashIT: cycle %d/%d: killed %s after %d ms%s,"
              + " %d lines acknowledged in the cycle, %d in all%n", cycle, CYCLES, moment,
          delayMillis, landings.isEmpty() ? "" : " (landed in " + landings + ")",
          load.acknowledged(), ledger.ackedCount());

      startedAfter = System.currentTimeMillis();
      agent.restart().awaitListening(HOST, port);
      recoveries.add(checkRecovery(agent));
    }

    // a graceful stop under load: the channel keeps what the sink had not taken
    NumberedLoad load = NumberedLoad.start(HOST, port, CONNECTIONS, ledger);
    long before = ledger.ackedCount();
    await().atMost(WAIT).until(() -> ledger.ackedCount() > before + 1000);
    int stopUnderLoad = agent.stop();
    load.awaitEnd(WAIT);
    agent.restart().awaitListening(HOST, port);
    recoveries.add(checkRecovery(agent));

    // the last run: more load, then drain and stop
    load = NumberedLoad.start(HOST, port, CONNECTIONS, ledger);
    long beforeLast = ledger.ackedCount();
    await().atMost(WAIT).until(() -> ledger.ackedCount() > beforeLast + 1000);
    load.finish(WAIT);
    BitSet acked = ledger.acked();
    try {
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
          .until(() -> missing(acked, delivered(RolledOutput.read(out, NumberedLoad.DIGITS)))
              .isEmpty());
    } catch (ConditionTimeoutException e) {
      // judged below, where the numbers that never arrived are named
    }
    int lastStop = agent.stop();

    RolledOutput output = RolledOutput.read(out, NumberedLoad.DIGITS);
    Verdict verdict = verify(output, ledger, killedRuns, replay);
    output.partials().forEach(p -> landed.merge(Landing.PARTIAL_SINK_LINE, 1, Integer::sum));
    double seconds = (System.nanoTime() - began) / 1e9;
    System.out.printf(Locale.ROOT, "FileChannelCrashIT: %s%n  cycles %d (kills aimed: %s),"
            + " landed in: %s%n  sent %,d, acknowledged %,d (refused %,d), delivered %,d distinct"
            + " (%,d sent but unacknowledged arrived), lines read %,d, duplicates %,d from %d kills"
            + " (bound %,d = %d kills × batch %d), partial lines %d%n  recoveries: %s%n"
            + "  took %.1f s%n",
        replay, CYCLES, aimed, landed, ledger.sentCount(), acked.cardinality(),
        ledger.failedCount(), verdict.distinct(), verdict.unackedArrived(), verdict.lines(),
        verdict.duplicates(), verdict.runsWithDuplicates(), (long) CYCLES * SINK_BATCH, CYCLES,
        SINK_BATCH, output.partials().size(), String.join("; ", recoveries), seconds);
    assertThat(verdict.duplicates()).as("duplicates; " + replay)
        .isLessThanOrEqualTo((long) CYCLES * SINK_BATCH);
    assertThat(stopUnderLoad).as("exit status of the stop under load; " + replay).isZero();
    assertThat(lastStop).as("exit status of the last stop; " + replay).isZero();
    assertThat(recoveries).as("the channel's recovery summary at each restart; %s", replay)
        .doesNotContain(NO_SUMMARY);
    List<String> errors = agent.output().stream().filter(line -> line.contains(" ERROR ")
        || RECOVERED.matcher(line).find() && line.contains("events lost")).toList();
    assertThat(errors).as("ERROR lines the agent printed in any run (a recovery ERROR means "
        + "committed events may be lost; none were, so each is a false alarm); %s", replay)
        .isEmpty();
  }

  /**
   * @param runsWithDuplicates killed runs whose last batch came again after the restart: kills
   *     that landed between file_roll's write and the take's commit
   */
  private record Verdict(long lines, long distinct, long duplicates, long unackedArrived,
      int runsWithDuplicates) {}

  /** Every check on what file_roll wrote; returns the counts to report. */
  private static Verdict verify(RolledOutput output, Ledger ledger, List<long[]> killedRuns,
      String replay) {
    BitSet acked = ledger.acked();
    // 1. partial lines: only at the end of the last file of a killed run
    for (Partial partial : output.partials()) {
      long start = seriesStart(partial.file());
      assertThat(partial.lastOfItsRun()).as("partial line %s in %s is not in the last file of "
          + "its run; %s", quote(partial.text()), partial.file(), replay).isTrue();
      assertThat(killedRun(killedRuns, start)).as("partial line %s in %s, a run that was not "
          + "killed; %s", quote(partial.text()), partial.file(), replay).isTrue();
      assertThat(partial.text()).as("partial line in %s; %s", partial.file(), replay)
          .matches("\\d{1," + NumberedLoad.DIGITS + "}");
    }
    // 2. every complete line is a well-formed number that was sent
    assertThat(output.malformed()).as("complete lines that are not %d-digit numbers; %s",
        NumberedLoad.DIGITS, replay).isEmpty();
    BitSet delivered = new BitSet();
    long lines = 0;
    for (Run run : output.runs()) {
      for (int number : run.numbers()) {
        lines++;
        assertThat(ledger.wasSent(number)).as("line %09d (run starting %d, %s) was never sent; %s",
            number, run.startMillis(), run.files(), replay).isTrue();
        delivered.set(number);
      }
    }
    // 3. every acknowledged number arrived
    List<Integer> missing = missing(acked, delivered);
    assertThat(missing).as("acknowledged numbers that never arrived (first 20 of %d, out of %d "
        + "acknowledged); %s", countMissing(acked, delivered), acked.cardinality(), replay)
        .isEmpty();
    // 4. every copy of a number but its last is in the last sink batch of a killed run: read from
    // the end, a number already seen is such an earlier copy
    BitSet seenLater = new BitSet();
    long duplicates = 0;
    int runsWithDuplicates = 0;
    for (int r = output.runs().size() - 1; r >= 0; r--) {
      Run run = output.runs().get(r);
      int[] numbers = run.numbers();
      boolean killed = killedRun(killedRuns, run.startMillis());
      long before = duplicates;
      for (int i = numbers.length - 1; i >= 0; i--) {
        int number = numbers[i];
        if (seenLater.get(number)) {
          duplicates++;
          int fromEnd = numbers.length - i;
          if (!killed || fromEnd > SINK_BATCH) {
            throw new AssertionError(String.format(Locale.ROOT, "Number %09d was delivered again"
                + " after line %d from the end of the run starting %d (%s), %s: a duplicate may"
                + " only come from the last batch (%d lines) of a killed run; %s", number,
                fromEnd, run.startMillis(), run.files(), killed ? "a killed run"
                    : "a run that was not killed", SINK_BATCH, replay));
          }
        }
        seenLater.set(number);
      }
      if (duplicates > before) {
        runsWithDuplicates++;
      }
    }
    BitSet unackedArrived = (BitSet) delivered.clone();
    unackedArrived.andNot(acked);
    return new Verdict(lines, delivered.cardinality(), duplicates,
        unackedArrived.cardinality(), runsWithDuplicates);
  }

  /** Whether the file series starting at that time belongs to a run that ended in a kill. */
  private static boolean killedRun(List<long[]> killedRuns, long seriesStart) {
    return killedRuns.stream().anyMatch(r -> seriesStart >= r[0] && seriesStart <= r[1]);
  }

  private static long seriesStart(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring(0, name.indexOf('-')));
  }

  private static BitSet delivered(RolledOutput output) {
    BitSet delivered = new BitSet();
    for (Run run : output.runs()) {
      for (int number : run.numbers()) {
        if (number >= 0) {
          delivered.set(number);
        }
      }
    }
    return delivered;
  }

  private static int countMissing(BitSet acked, BitSet delivered) {
    BitSet missing = (BitSet) acked.clone();
    missing.andNot(delivered);
    return missing.cardinality();
  }

  private static List<Integer> missing(BitSet acked, BitSet delivered) {
    BitSet missing = (BitSet) acked.clone();
    missing.andNot(delivered);
    return missing.stream().limit(20).boxed().toList();
  }

  /**
   * The restart's recovery summary, shortened, for the report. (Its ERRORs and any events it
   * counts as lost are checked at the end, after what was delivered.)
   */
  private static String checkRecovery(AgentProcess agent) {
    List<String> sinceRestart = sinceLastRestart(agent.output());
    String summary = sinceRestart.stream().filter(line -> RECOVERED.matcher(line).find())
        .findFirst().orElse(null);
    if (summary == null) {
      return NO_SUMMARY; // reported at the end, after what was delivered
    }
    Matcher matcher = RECOVERED.matcher(summary);
    matcher.find();
    long torn = sinceRestart.stream().filter(l -> l.contains("cut the torn tail")).count();
    long uncommitted = sinceRestart.stream().filter(l -> l.contains("has no COMMIT")).count();
    return matcher.group(1) + " events, " + matcher.group(3) + " tx replayed"
        + (torn > 0 ? ", torn tail cut" : "") + (uncommitted > 0 ? ", " + uncommitted
            + " uncommitted tx dropped" : "");
  }

  private static List<String> sinceLastRestart(List<String> output) {
    int from = output.lastIndexOf("---- restart ----");
    return output.subList(from + 1, output.size());
  }

  /** What the files say about where the last kill landed. */
  private List<Landing> landings() throws IOException {
    List<Landing> found = new ArrayList<>();
    if (Files.exists(checkpointDir.resolve("checkpoint.tmp"))
        || Files.exists(backupDir.resolve("checkpoint.tmp"))) {
      found.add(Landing.CHECKPOINT_WRITE);
    }
    if (Files.exists(checkpointDir.resolve("retired.tmp"))
        || Files.exists(backupDir.resolve("retired.tmp"))) {
      found.add(Landing.SEGMENT_RETIREMENT);
    }
    Path newest = null;
    int newestId = -1;
    for (Path data : dataDirs) {
      try (Stream<Path> files = Files.list(data)) {
        for (Path file : files.filter(f -> f.getFileName().toString().matches("log-\\d+"))
            .toList()) {
          int id = Integer.parseInt(file.getFileName().toString().substring(4));
          if (id > newestId) {
            newestId = id;
            newest = file;
          }
        }
      }
    }
    if (newest != null && Files.size(newest) <= 16) {
      found.add(Landing.NEW_SEGMENT);
    }
    return found;
  }

  /** A watch on the directories where the moment shows, or null for a kill under load alone. */
  private WatchService watch(Moment moment) throws IOException {
    if (moment == Moment.UNDER_LOAD) {
      return null;
    }
    WatchService watch = FileSystems.getDefault().newWatchService();
    for (Path watched : moment == Moment.CHECKPOINT ? List.of(checkpointDir) : dataDirs) {
      watched.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
    }
    return watch;
  }

  /**
   * Waits for the next file created with a matching name (events from before the call are
   * skipped), at most {@link #MOMENT_TIMEOUT}: then the kill goes ahead wherever it lands.
   */
  private static void awaitCreated(WatchService watch, Predicate<String> name)
      throws InterruptedException {
    for (WatchKey stale = watch.poll(); stale != null; stale = watch.poll()) {
      stale.pollEvents();
      stale.reset();
    }
    long deadline = System.nanoTime() + MOMENT_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      WatchKey key = watch.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (key == null) {
        return;
      }
      for (WatchEvent<?> event : key.pollEvents()) {
        if (event.context() instanceof Path created && name.test(created.toString())) {
          return;
        }
      }
      key.reset();
    }
  }

  private Path writeJob(int port) throws IOException {
    checkpointDir = dir.resolve("checkpoint");
    backupDir = dir.resolve("backup");
    dataDirs = List.of(dir.resolve("data1"), dir.resolve("data2"));
    out = Files.createDirectories(dir.resolve("out"));
    for (Path d : List.of(checkpointDir, backupDir, dataDirs.get(0), dataDirs.get(1))) {
      Files.createDirectories(d);
    }
    return Files.writeString(dir.resolve("crash.conf"), String.join("\n",
        "a1.sources = r1",
        "a1.channels = c1",
        "a1.sinks = k1",
        "a1.sources.r1.type = netcat",
        "a1.sources.r1.bind = " + HOST,
        "a1.sources.r1.port = " + port,
        "a1.sources.r1.channels = c1",
        "a1.channels.c1.type = file",
        "a1.channels.c1.checkpointDir = " + checkpointDir,
        "a1.channels.c1.useDualCheckpoints = true",
        "a1.channels.c1.backupCheckpointDir = " + backupDir,
        "a1.channels.c1.dataDirs = " + dataDirs.get(0) + "," + dataDirs.get(1),
        "a1.channels.c1.checkpointInterval = " + CHECKPOINT_INTERVAL_MS,
        "a1.channels.c1.maxFileSize = " + MAX_FILE_SIZE,
        "a1.channels.c1.fsyncPerTransaction = true",
        "a1.sinks.k1.type = file_roll",
        "a1.sinks.k1.sink.directory = " + out,
        "a1.sinks.k1.sink.rollInterval = 1",
        "a1.sinks.k1.sink.batchSize = " + SINK_BATCH,
        "a1.sinks.k1.channel = c1",
        ""));
  }

  private static String quote(String text) {
    return "\"" + text.replace("\n", "\\n") + "\"";
  }

  static {
    if (CYCLES < 1) {
      throw new IllegalArgumentException("flumelab.crash.cycles must be at least 1");
    }
  }
}
