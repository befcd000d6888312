package io.flumelab.filechannel;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.Transaction;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * A micro-measurement, run by hand, never by the build: producers put transactions of 100 events
 * of 100 bytes and consumers take transactions of a given size on one file channel for a while;
 * it prints events per second, commits per fsync, and the heap allocated per event.
 *
 * <pre>
 * ./mvnw -o -q test-compile -pl runtime/file-channel
 * ./mvnw -o -q dependency:build-classpath -pl runtime/file-channel -Dmdep.outputFile=/tmp/cp.txt
 * cd runtime/file-channel
 * java -cp "target/test-classes:target/classes:$(cat /tmp/cp.txt)" \
 *     io.flumelab.filechannel.FileChannelThroughput [seconds] [producers] [consumers] \
 *     [consumer batch] [fsyncPerTransaction] [dir]
 * </pre>
 */
public final class FileChannelThroughput {

  private static final int BATCH = 100;
  private static final int BODY_BYTES = 100;

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int producers = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int consumers = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    int takeBatch = args.length > 3 ? Integer.parseInt(args[3]) : BATCH;
    String fsync = args.length > 4 ? args[4] : "true";
    Path dir = args.length > 5 ? Path.of(args[5]) : Files.createTempDirectory("fc-throughput");
    Files.createDirectories(dir);
    FileChannel channel = new FileChannel();
    channel.setName("c1");
    channel.configure(new Context(Map.of("checkpointDir", dir.resolve("cp").toString(),
        "dataDirs", dir.resolve("data").toString(), "fsyncPerTransaction", fsync,
        "capacity", "1000000", "transactionCapacity", "10000")));
    channel.start();
    AtomicBoolean running = new AtomicBoolean(true);
    LongAdder put = new LongAdder();
    LongAdder taken = new LongAdder();
    LongAdder putAllocation = new LongAdder();
    LongAdder takeAllocation = new LongAdder();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    byte[] body = new byte[BODY_BYTES];
    for (int p = 0; p < producers; p++) {
      threads.add(new Thread(() -> {
        await(go);
        // the same events every time: what the producer allocates is then the channel's doing
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
          batch.add(EventBuilder.withBody(body));
        }
        long allocatedBefore = allocated();
        long events = 0;
        while (running.get()) {
          Transaction tx = channel.getTransaction();
          tx.begin();
          try {
            for (Event event : batch) {
              channel.put(event);
            }
            tx.commit();
            put.add(BATCH);
            events += BATCH;
          } catch (RuntimeException e) {
            tx.rollback();
          } finally {
            tx.close();
          }
        }
        putAllocation.add((allocated() - allocatedBefore) / Math.max(1, events));
      }, "producer-" + p));
    }
    for (int c = 0; c < consumers; c++) {
      threads.add(new Thread(() -> {
        await(go);
        long allocatedBefore = allocated();
        long events = 0;
        while (running.get() || channel.size() > 0) {
          Transaction tx = channel.getTransaction();
          tx.begin();
          int n = 0;
          for (; n < takeBatch; n++) {
            if (channel.take() == null) {
              break;
            }
          }
          tx.commit();
          tx.close();
          taken.add(n);
          events += n;
          if (n == 0) {
            try {
              channel.awaitEvents(100);
            } catch (InterruptedException e) {
              return;
            }
          }
        }
        takeAllocation.add((allocated() - allocatedBefore) / Math.max(1, events));
      }, "consumer-" + c));
    }
    threads.forEach(Thread::start);
    FileChannelCounter counter = (FileChannelCounter) channel.getCounter();
    long start = System.nanoTime();
    go.countDown();
    Thread.sleep(seconds * 1000L);
    running.set(false);
    for (Thread thread : threads) {
      thread.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("%d producer(s) putting %d, %d consumer(s) taking %d per transaction, %d s,"
        + " fsyncPerTransaction=%s%n", producers, BATCH, consumers, takeBatch, seconds, fsync);
    System.out.printf("put   %,.0f events/s%n", put.sum() / elapsed);
    System.out.printf("taken %,.0f events/s%n", taken.sum() / elapsed);
    System.out.printf("log writes %,d, fsyncs %,d, transactions written %,d (%.1f per fsync)%n",
        counter.getLogWriteCount(), counter.getLogFsyncCount(), counter.getLogCommitCount(),
        counter.getLogCommitCount() / (double) Math.max(1, counter.getLogFsyncCount()));
    System.out.printf("heap allocated per event: put %d bytes (the channel's own: the events are "
        + "reused), take %d bytes (mostly the event read back)%n",
        putAllocation.sum() / producers, takeAllocation.sum() / consumers);
    channel.stop();
    if (args.length <= 5) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Bytes this thread allocated on the heap so far. */
  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private FileChannelThroughput() {}
}
