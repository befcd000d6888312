package io.flumelab.core.channel;

import static io.flumelab.core.spi.ComponentKind.CHANNEL;

import io.flumelab.api.ChannelException;
import io.flumelab.api.ChannelFullException;
import io.flumelab.api.Configurable;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.TransactionCapacitySupported;
import io.flumelab.api.VolatileChannel;
import io.flumelab.core.spi.BasicChannelSemantics;
import io.flumelab.core.spi.BasicTransactionSemantics;
import io.flumelab.core.spi.ChannelCounter;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Counted;
import io.flumelab.core.spi.EventWaiters;
import io.flumelab.core.spi.NonWaitingTake;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.WaitableChannel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory channel with Flume's memory channel keys and defaults: {@code capacity} (100),
 * {@code transactionCapacity} (100), {@code byteCapacity} (80% of the JVM's max heap),
 * {@code byteCapacityBufferPercentage} (20) and {@code keep-alive} (3 s).
 *
 * <h2>Design</h2>
 *
 * <p>Events live in one {@link EventRing} (a circular array) guarded by one {@link ReentrantLock}.
 * Each transaction buffers its work in private arrays, so the lock is taken once per batch, not
 * once per event:
 *
 * <ul>
 *   <li><b>put</b> appends to the transaction's put array; no lock, no allocation beyond array
 *       growth (the arrays are reused, see below).
 *   <li><b>take</b> hands out events from the transaction's take array; when that runs dry it
 *       moves a chunk from the head of the ring under the lock. The chunk is as large as the
 *       thread's previous transaction took (a sink's batch size, in practice), so a sink taking
 *       100 events locks once. An empty channel is detected with a volatile read, without the lock.
 *   <li><b>commit</b>, under the lock once: checks room, copies the puts to the tail with
 *       {@code System.arraycopy}, returns chunked-but-not-handed-out events to the head in order,
 *       and adjusts the occupancy. O(batch).
 *   <li><b>rollback</b> puts every event the transaction took back at the head of the ring, in
 *       their original order, so a single consumer still sees each producer's events in order.
 *       Puts are simply dropped.
 * </ul>
 *
 * <p>Capacity is accounted as in Flume: events taken but not yet committed still occupy the
 * channel, so a rollback always has room. A commit that needs room waits on a condition (signalled
 * by take commits) for up to {@code keep-alive} seconds, then throws {@link ChannelFullException}
 * having changed nothing. Byte capacity counts event bodies in 100-byte slots (an event uses at
 * least one), less the buffer percentage; a configured {@code byteCapacity} of 0 means
 * unlimited. Running out of byte capacity is also a {@link ChannelFullException}, since the cure
 * (back off, let sinks drain) is the same.
 *
 * <p>Each thread's transaction object is reused for its next transaction, so the steady state
 * allocates nothing per event or per batch. Attempt counters are added at the end of each
 * transaction, not per event.
 *
 * <p>As in Flume, {@code take()} on an empty channel waits up to {@code keep-alive} for a committed
 * event (a put or a rolled-back take) before it returns null, so a custom sink that calls it in a
 * loop does not spin. The built-in sinks take through {@link NonWaitingTake} instead, which returns
 * at once: between batches they wait through {@link WaitableChannel}, which wakes them on the next
 * commit. Both kinds of waiter are woken through one {@link EventWaiters}. A custom sink waiting
 * in {@code take()} when the agent stops ends its transaction once keep-alive passes, within the
 * sinks' drain time.
 *
 * <p>Deviations from Flume, on purpose: invalid numbers fail {@link #configure} with a
 * {@link ConfigurationException} instead of falling back to a default.
 *
 * <p>Being a {@link VolatileChannel}, it gives up what it holds when the agent stops, and the agent
 * logs and counts that loss ({@code EventDiscardCount}) where Flume's memory channel says nothing.
 */
public class MemoryChannel extends BasicChannelSemantics
    implements Configurable, Counted, WaitableChannel, NonWaitingTake, TransactionCapacitySupported,
    VolatileChannel {

  static final Setting<Integer> CAPACITY = Setting.integer("capacity").defaultValue(100)
      .check(Check.atLeast(1)).doc("the most events the channel holds");
  static final Setting<Integer> TRANSACTION_CAPACITY = Setting.integer("transactionCapacity")
      .defaultValue(100).check(Check.atLeast(1))
      .doc("the most events one transaction puts or takes; at most capacity");
  static final Setting<Long> BYTE_CAPACITY = Setting.longValue("byteCapacity")
      .defaultValue(MemoryChannel::defaultByteCapacity, "80% of the JVM's maximum heap")
      .check(Check.atLeast(0)).doc("the most bytes of event bodies held; 0 for no limit");
  static final Setting<Integer> BYTE_CAPACITY_BUFFER_PERCENTAGE =
      Setting.integer("byteCapacityBufferPercentage").defaultValue(20).check(Check.between(0, 99))
          .doc("the share of byteCapacity kept free for headers");
  static final Setting<Long> KEEP_ALIVE = Setting.seconds("keep-alive").defaultValue(3L)
      .check(Check.atLeast(0))
      .doc("how long a commit waits for room before the channel is full, and a take on an empty "
          + "channel for an event");

  public static final ComponentSpec SPEC = ComponentSpec.builder(CHANNEL, "memory", MemoryChannel.class)
      .flumeClass("org.apache.flume.channel.MemoryChannel")
      .settings(CAPACITY, BYTE_CAPACITY, BYTE_CAPACITY_BUFFER_PERCENTAGE, KEEP_ALIVE)
      .transactionCapacity(TRANSACTION_CAPACITY)
      .build();

  /** Bodies are counted in slots of this many bytes, as Flume does. */
  static final int BYTE_SLOT_SIZE = 100;
  /** What {@code byteCapacity = 0} stands for: Flume's hard limit of about 200 GB. */
  private static final long UNLIMITED_SLOTS = Integer.MAX_VALUE;
  private static final int INITIAL_RING_LENGTH = 128;
  private static final int INITIAL_BUFFER_LENGTH = 128;

  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when a take commit frees room. */
  private final Condition notFull = lock.newCondition();
  /** Sink runners and takes waiting for events to take; woken when a commit or rollback adds some. */
  private final EventWaiters arrivals = new EventWaiters(lock, () -> this.queued > 0);

  // Guarded by lock.
  private final EventRing queue = new EventRing(INITIAL_RING_LENGTH);
  /** Events in the ring plus events held by open transactions' takes. */
  private long occupiedEvents;
  /** Byte slots of the same events. */
  private long occupiedSlots;
  private int fullWaiters;

  /** The ring's size, readable without the lock, so polling an empty channel is cheap. */
  private volatile int queued;

  private volatile int capacity = CAPACITY.defaultValue();
  private volatile int transactionCapacity = TRANSACTION_CAPACITY.defaultValue();
  private volatile long byteCapacitySlots = byteCapacitySlots(BYTE_CAPACITY.defaultValue(),
      BYTE_CAPACITY_BUFFER_PERCENTAGE.defaultValue());
  private volatile long keepAliveSeconds = KEEP_ALIVE.defaultValue();
  private volatile ChannelCounter counter;

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, "Memory channel " + getName());
    int newCapacity = settings.get(CAPACITY);
    int newTransactionCapacity = settings.get(TRANSACTION_CAPACITY);
    if (newTransactionCapacity > newCapacity) {
      throw new ConfigurationException(TRANSACTION_CAPACITY.key(),
          "transactionCapacity (" + newTransactionCapacity + ") is larger than capacity ("
              + newCapacity + "); a full transaction could never fit in the channel",
          "Set transactionCapacity to at most " + newCapacity + ", or raise capacity");
    }
    long byteCapacity = settings.get(BYTE_CAPACITY);
    int bufferPercentage = settings.get(BYTE_CAPACITY_BUFFER_PERCENTAGE);
    long keepAlive = settings.get(KEEP_ALIVE);

    capacity = newCapacity;
    transactionCapacity = newTransactionCapacity;
    byteCapacitySlots = byteCapacitySlots(byteCapacity, bufferPercentage);
    keepAliveSeconds = keepAlive;
    counter().setChannelCapacity(newCapacity);
  }

  @Override
  public synchronized void start() {
    ChannelCounter channelCounter = counter();
    channelCounter.start();
    channelCounter.setChannelCapacity(capacity);
    channelCounter.setChannelSize(queued);
    super.start();
  }

  @Override
  public synchronized void stop() {
    ChannelCounter channelCounter = counter();
    channelCounter.setChannelSize(queued);
    channelCounter.stop();
    super.stop();
  }

  @Override
  public ChannelCounter getCounter() {
    return counter();
  }

  @Override
  public long discardRemainingEvents() {
    lock.lock();
    try {
      // taken by a transaction that never committed: lost too, as the agent ends with the channel
      long discarded = occupiedEvents;
      Event[] remaining = new Event[queue.size()];
      queue.pollFirst(remaining, 0, remaining.length);
      long remainingSlots = 0;
      for (Event event : remaining) {
        remainingSlots += slots(event);
      }
      occupiedEvents -= remaining.length;
      occupiedSlots -= remainingSlots;
      queued = 0;
      ChannelCounter channelCounter = counter();
      channelCounter.setChannelSize(0);
      channelCounter.addToEventDiscardCount(discarded);
      if (fullWaiters > 0) {
        notFull.signalAll();
      }
      return discarded;
    } finally {
      lock.unlock();
    }
  }

  /** Committed events waiting to be taken. */
  public int size() {
    return queued;
  }

  public int getCapacity() {
    return capacity;
  }

  @Override
  public long getTransactionCapacity() {
    return transactionCapacity;
  }

  /** Body bytes the channel admits: byteCapacity less the buffer percentage, in whole slots. */
  public long getByteCapacity() {
    return byteCapacitySlots * BYTE_SLOT_SIZE;
  }

  public long getKeepAliveSeconds() {
    return keepAliveSeconds;
  }

  @Override
  public boolean awaitEvents(long timeoutMillis) throws InterruptedException {
    return arrivals.await(timeoutMillis);
  }

  @Override
  public Event takeWithoutWaiting() {
    return takeWithoutWaitingInTransaction();
  }

  @Override
  protected BasicTransactionSemantics createTransaction() {
    return new MemoryTransaction(counter());
  }

  private ChannelCounter counter() {
    ChannelCounter current = counter;
    if (current == null) {
      synchronized (this) {
        current = counter;
        if (current == null) {
          current = new ChannelCounter(getName());
          current.setChannelCapacity(capacity);
          counter = current;
        }
      }
    }
    return current;
  }

  /** Moves up to {@code max} events from the head of the ring into {@code dst[from...]}. */
  private int poll(Event[] dst, int from, int max) {
    if (queued == 0) {
      return 0;
    }
    lock.lock();
    try {
      int count = queue.pollFirst(dst, from, max);
      queued = queue.size();
      return count;
    } finally {
      lock.unlock();
    }
  }

  /**
   * As {@link #poll}, but on an empty ring waits up to keep-alive for events, as Flume's take
   * waits on its count of committed events; moves them under the same hold of the lock.
   */
  private int pollWaiting(Event[] dst, int from, int max) throws InterruptedException {
    int count = poll(dst, from, max);
    long keepAlive = keepAliveSeconds;
    if (count > 0 || keepAlive == 0) {
      return count;
    }
    lock.lockInterruptibly();
    try {
      if (!arrivals.awaitHoldingLock(TimeUnit.SECONDS.toNanos(keepAlive))) {
        return 0;
      }
      count = queue.pollFirst(dst, from, max);
      queued = queue.size();
      return count;
    } finally {
      lock.unlock();
    }
  }

  private void commitTransaction(MemoryTransaction tx) throws InterruptedException {
    int puts = tx.putCount;
    int taken = tx.handedOut;
    int leftovers = tx.fetched - taken;
    if (puts == 0 && tx.fetched == 0) {
      return;
    }
    long slotDelta = tx.putSlots - tx.takeSlots;
    lock.lock();
    try {
      if (puts > 0) {
        awaitRoom(puts - taken, slotDelta);
      }
      queue.reserve(puts + leftovers); // the only step that can fail; nothing has changed yet
      if (puts > 0) {
        queue.addLast(tx.puts, 0, puts);
      }
      if (leftovers > 0) {
        queue.addFirst(tx.takes, taken, leftovers);
      }
      occupiedEvents += puts - taken;
      occupiedSlots += slotDelta;
      if (taken > 0 && fullWaiters > 0) {
        notFull.signalAll();
      }
      queued = queue.size();
      if (puts > 0 || leftovers > 0) {
        arrivals.signal();
      }
      tx.counter.setChannelSize(queued);
    } finally {
      lock.unlock();
    }
  }

  /** Waits, with the lock held, until the commit fits or keep-alive has passed. */
  private void awaitRoom(long events, long slots) throws InterruptedException {
    long nanos = TimeUnit.SECONDS.toNanos(keepAliveSeconds);
    while (true) {
      boolean eventsFit = events <= 0 || occupiedEvents + events <= capacity;
      boolean slotsFit = slots <= 0 || occupiedSlots + slots <= byteCapacitySlots;
      if (eventsFit && slotsFit) {
        return;
      }
      if (nanos <= 0) {
        throw eventsFit ? bytesFull(slots) : eventsFull(events);
      }
      fullWaiters++;
      try {
        nanos = notFull.awaitNanos(nanos);
      } finally {
        fullWaiters--;
      }
    }
  }

  private ChannelFullException eventsFull(long events) {
    return new ChannelFullException("Channel " + getName() + " is full: it holds " + occupiedEvents
        + " of its capacity of " + capacity + " events and had no room for " + events
        + " more within keep-alive (" + keepAliveSeconds + " s). The sinks are not keeping up: "
        + "let the source back off and retry, add sinks, or raise capacity");
  }

  private ChannelFullException bytesFull(long slots) {
    return new ChannelFullException("Channel " + getName() + " has no room for " + slots
        * BYTE_SLOT_SIZE + " more bytes of event bodies: " + occupiedSlots * BYTE_SLOT_SIZE
        + " of " + byteCapacitySlots * BYTE_SLOT_SIZE + " bytes (byteCapacity less "
        + "byteCapacityBufferPercentage) are used and none freed within keep-alive ("
        + keepAliveSeconds + " s). Let the source back off and retry, or raise byteCapacity "
        + "(and the heap)");
  }

  private void rollbackTransaction(MemoryTransaction tx) {
    int fetched = tx.fetched;
    if (fetched == 0) {
      return;
    }
    lock.lock();
    try {
      queue.addFirst(tx.takes, 0, fetched);
      queued = queue.size();
      arrivals.signal();
      tx.counter.setChannelSize(queued);
    } finally {
      lock.unlock();
    }
  }

  static int slots(Event event) {
    byte[] body = event.getBody();
    int length = body == null ? 0 : body.length;
    return length <= BYTE_SLOT_SIZE ? 1 : (length + BYTE_SLOT_SIZE - 1) / BYTE_SLOT_SIZE;
  }

  private static long defaultByteCapacity() {
    return (long) (Runtime.getRuntime().maxMemory() * 0.8);
  }

  private static long byteCapacitySlots(long byteCapacity, int bufferPercentage) {
    long slots = (long) (byteCapacity * (1 - bufferPercentage / 100.0) / BYTE_SLOT_SIZE);
    return slots < 1 ? UNLIMITED_SLOTS : slots;
  }

  /**
   * One thread's transaction. See the class comment for the buffering; {@code takes[0, fetched)}
   * were moved from the ring, of which {@code takes[0, handedOut)} were returned by take().
   */
  private final class MemoryTransaction extends BasicTransactionSemantics {

    private final ChannelCounter counter;
    private Event[] puts = new Event[INITIAL_BUFFER_LENGTH];
    private int putCount;
    private long putSlots;
    private Event[] takes = new Event[INITIAL_BUFFER_LENGTH];
    private int fetched;
    private int handedOut;
    private long takeSlots;
    private long putAttempts;
    private long takeAttempts;
    private int limit;
    /** Events the previous transaction took: the size of the next chunk taken from the ring. */
    private int lastTakes;

    MemoryTransaction(ChannelCounter counter) {
      this.counter = counter;
    }

    @Override
    protected void doBegin() {
      limit = transactionCapacity;
    }

    @Override
    protected void doPut(Event event) {
      putAttempts++;
      if (putCount >= limit) {
        throw new ChannelException("Put queue for MemoryTransaction of capacity " + limit
            + " full: a transaction on channel " + getName() + " may put at most " + limit
            + " events (transactionCapacity). Commit more frequently (smaller batches) or "
            + "raise transactionCapacity");
      }
      if (putCount == puts.length) {
        puts = Arrays.copyOf(puts, Math.min(limit, puts.length * 2));
      }
      puts[putCount++] = event;
      putSlots += slots(event);
    }

    @Override
    protected Event doTake() throws InterruptedException {
      return take(true);
    }

    @Override
    protected Event doTakeWithoutWaiting() throws InterruptedException {
      return take(false);
    }

    private Event take(boolean waitForEvents) throws InterruptedException {
      takeAttempts++;
      if (handedOut >= limit) {
        throw new ChannelException("Take list for MemoryTransaction of capacity " + limit
            + " full: a transaction on channel " + getName() + " may take at most " + limit
            + " events (transactionCapacity). Commit more frequently (a smaller sink batch "
            + "size) or raise transactionCapacity");
      }
      if (handedOut == fetched) {
        int chunk = Math.min(limit - handedOut, Math.max(1, Math.max(lastTakes, handedOut)));
        if (fetched + chunk > takes.length) {
          takes = Arrays.copyOf(takes, Math.max(fetched + chunk, takes.length * 2));
        }
        int count = waitForEvents ? pollWaiting(takes, fetched, chunk)
            : poll(takes, fetched, chunk);
        if (count == 0) {
          return null;
        }
        fetched += count;
      }
      Event event = takes[handedOut++];
      takeSlots += slots(event);
      return event;
    }

    @Override
    protected void doCommit() throws InterruptedException {
      commitTransaction(this); // throws before changing anything, so the transaction can roll back
      if (putCount > 0) {
        counter.addToEventPutSuccessCount(putCount);
      }
      if (handedOut > 0) {
        counter.addToEventTakeSuccessCount(handedOut);
      }
      finish();
    }

    @Override
    protected void doRollback() {
      try {
        rollbackTransaction(this);
      } finally {
        finish();
      }
    }

    @Override
    protected boolean isReusable() {
      return true;
    }

    private void finish() {
      if (putAttempts > 0) {
        counter.addToEventPutAttemptCount(putAttempts);
      }
      if (takeAttempts > 0) {
        counter.addToEventTakeAttemptCount(takeAttempts);
      }
      Arrays.fill(puts, 0, putCount, null);
      Arrays.fill(takes, 0, fetched, null);
      lastTakes = handedOut;
      putCount = 0;
      putSlots = 0;
      fetched = 0;
      handedOut = 0;
      takeSlots = 0;
      putAttempts = 0;
      takeAttempts = 0;
    }
  }
}
