package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What the source fuzz tests share: a seeded run of client threads that mix malformed input with
 * well-formed events whose acknowledgement is recorded, a watch on the agent's resident memory,
 * and the check that every acknowledged event reached the file_roll sink exactly once.
 *
 * <p>Each thread draws from its own {@link Random} seeded from the run's seed, so a failure names
 * the seed and {@code -Dfuzz.seed=...} replays each thread's choices (not their interleaving,
 * which the scheduler decides).
 */
final class SourceFuzz implements AutoCloseable {

  /** One client thread's step: draws from {@code random}, never throws for a refused request. */
  interface Step {
    void run(Random random) throws Exception;
  }

  private static final Duration DELIVERY_WAIT = Duration.ofSeconds(20);

  final long seed;
  /** Tells this run's event bodies from anything else that may reach the sink. */
  private final String runToken;
  private final Pattern idLine;
  private final AtomicInteger nextId = new AtomicInteger();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicInteger malformed = new AtomicInteger();
  private final AtomicLong peakRssKb = new AtomicLong();
  private volatile boolean watching;
  private Thread watcher;

  SourceFuzz() {
    seed = Long.getLong("fuzz.seed", System.nanoTime());
    runToken = Long.toHexString(new Random(seed).nextLong() & 0xFFFFFFFFFFFFL);
    idLine = Pattern.compile("fuzz-" + runToken + "-(\\d+)");
    System.out.println("Fuzz seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
  }

  /** A fresh event body, unique in this run; record it with {@link #acknowledged} once acked. */
  String nextBody() {
    return "fuzz-" + runToken + "-" + nextId.getAndIncrement();
  }

  void acknowledged(String body) {
    acknowledged.add(body);
  }

  void acknowledged(List<String> bodies) {
    acknowledged.addAll(bodies);
  }

  void malformedSent() {
    malformed.incrementAndGet();
  }

  int acknowledgedCount() {
    return acknowledged.size();
  }

  int malformedCount() {
    return malformed.get();
  }

  long peakRssKb() {
    return peakRssKb.get();
  }

  /** Samples /proc/pid/status's VmRSS every 20 ms until closed; keeps the peak. */
  void watchMemory(long pid) {
    watching = true;
    Path status = Path.of("/proc", String.valueOf(pid), "status");
    watcher = new Thread(() -> {
      while (watching) {
        long rss = rssKb(status);
        peakRssKb.accumulateAndGet(rss, Math::max);
        try {
          Thread.sleep(20); // a sampling period, not a wait for a condition
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "fuzz-rss-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static long rssKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // the process is gone; the test's liveness check says so
    }
    return 0;
  }

  /**
   * Runs {@code threads} client threads, each picking steps at random by weight, until
   * {@code actions} steps ran in all or {@code duration} passed. A step that throws fails the run.
   */
  void run(int threads, int actions, Duration duration, Map<Step, Integer> weightedSteps)
      throws Exception {
    List<Step> wheel = new ArrayList<>();
    weightedSteps.forEach((step, weight) -> {
      for (int i = 0; i < weight; i++) {
        wheel.add(step);
      }
    });
    AtomicInteger left = new AtomicInteger(actions);
    long deadline = System.nanoTime() + duration.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Random random = new Random(seed * 31 + t);
        done.add(pool.submit(() -> {
          while (left.getAndDecrement() > 0 && System.nanoTime() < deadline) {
            wheel.get(random.nextInt(wheel.size())).run(random);
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Waits until every acknowledged body is in the sink's files, then checks that none of this
   * run's bodies is there twice.
   */
  void assertDeliveredExactlyOnce(Path sinkDirectory) {
    Map<String, Integer> found;
    try {
      await().atMost(DELIVERY_WAIT).pollInterval(Duration.ofMillis(200))
          .until(() -> bodiesIn(sinkDirectory).keySet().containsAll(acknowledged));
    } catch (ConditionTimeoutException e) {
      found = bodiesIn(sinkDirectory);
      List<String> missing = acknowledged.stream().filter(b -> !found.containsKey(b)).toList();
      throw new AssertionError(missing.size() + " acknowledged events never arrived, such as "
          + missing.subList(0, Math.min(5, missing.size())) + " " + replay(), e);
    }
    found = bodiesIn(sinkDirectory);
    Map<String, Integer> doubled = new HashMap<>();
    found.forEach((body, count) -> {
      if (count > 1) {
        doubled.put(body, count);
      }
    });
    assertThat(doubled).as("events that arrived more than once " + replay()).isEmpty();
  }

  /** How often each of this run's bodies occurs as a line of the sink's files. */
  Map<String, Integer> bodiesIn(Path directory) {
    Map<String, Integer> counts = new HashMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        // a fuzzed body may be any bytes: read as ISO-8859-1, which cannot fail
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        for (String line : text.split("\n", -1)) {
          Matcher matcher = idLine.matcher(line);
          if (matcher.matches()) {
            counts.merge(line, 1, Integer::sum);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }

  /** Text for assertion messages: how to replay this run. */
  String replay() {
    return "(fuzz seed " + seed + ", replay with -Dfuzz.seed=" + seed + ")";
  }

  /** Random bytes, any values, of a length below {@code max}. */
  static byte[] randomBytes(Random random, int max) {
    byte[] bytes = new byte[random.nextInt(max)];
    random.nextBytes(bytes);
    return bytes;
  }

  @Override
  public void close() {
    watching = false;
    if (watcher != null) {
      watcher.interrupt();
    }
  }
}
