package io.flumelab.filechannel;

import io.flumelab.api.ChannelException;
import io.flumelab.api.ChannelFullException;
import io.flumelab.api.Event;
import io.flumelab.core.spi.BasicTransactionSemantics;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread's transaction on a file channel, reused for its next one.
 *
 * <ul>
 *   <li><b>put</b> serializes the event into the transaction's buffer as a PUT record: no lock,
 *       no system call.
 *   <li><b>take</b> moves a chunk of pointers from the head of the queue (one lock per chunk; the
 *       chunk is as large as the thread's previous transaction took) and reads each event back.
 *   <li><b>commit</b> checks the disk's free space (puts only), reserves room, seals the records
 *       with a TAKE record and a COMMIT, and hands them to the group commit: one write, and one
 *       fsync shared with the commits of other threads. Only then are the puts visible and the
 *       takes gone.
 *   <li><b>rollback</b> drops the buffer (nothing of it is on disk) and returns the takes to the
 *       head of the queue, in order.
 * </ul>
 *
 * <p>An event that cannot be read back (damaged on disk) is logged, counted
 * ({@code EventTakeErrorCount}) and skipped: it is taken with the transaction, so it does not
 * block the channel forever.
 */
final class FileTransaction extends BasicTransactionSemantics {

  private static final Logger LOG = LoggerFactory.getLogger(FileTransaction.class);

  private final FileChannel channel;
  private final TransactionRecords records = new TransactionRecords();
  private final TakeList takes = new TakeList();
  private final CommitRequest request = new CommitRequest(records, takes);
  private ChannelStore store;
  private EventReader reader;
  private int limit;
  private long putAttempts;
  private long takeAttempts;
  private int unreadable;
  /** Events the previous transaction took: the size of the next chunk taken from the queue. */
  private int lastTakes;

  FileTransaction(FileChannel channel) {
    this.channel = channel;
  }

  @Override
  protected void doBegin() {
    ChannelStore current = channel.store();
    if (current != store) {
      store = current;
      reader = null; // the next take makes one for this store's segments
    }
    limit = current.options.transactionCapacity();
    records.begin(current.nextTransactionId());
  }

  @Override
  protected void doPut(Event event) {
    putAttempts++;
    if (records.putCount() >= limit) {
      throw new ChannelException("Put queue for FileBackedTransaction of capacity " + limit
          + " full: a transaction on channel " + channel.getName() + " may put at most " + limit
          + " events (transactionCapacity). Commit more frequently (smaller batches) or raise "
          + "transactionCapacity");
    }
    try {
      records.addPut(event);
    } catch (ChannelException e) {
      store.counter.incrementEventPutErrorCount();
      throw e;
    }
  }

  @Override
  protected Event doTake() {
    takeAttempts++;
    // events dropped as unreadable do not count against the caller's transactionCapacity
    if (takes.handedOut - unreadable >= limit) {
      throw new ChannelException("Take list for FileBackedTransaction of capacity " + limit
          + " full: a transaction on channel " + channel.getName() + " may take at most "
          + limit + " events (transactionCapacity). Commit more frequently (a smaller sink "
          + "batch size) or raise transactionCapacity");
    }
    while (true) {
      if (takes.exhausted()) {
        int wanted = limit - (takes.handedOut - unreadable);
        int chunk = Math.min(wanted, Math.max(1, Math.max(lastTakes, takes.handedOut)));
        if (store.queue.poll(takes, chunk) == 0) {
          return null;
        }
      }
      long pointer = takes.next();
      if (reader == null) {
        reader = new EventReader(store.segments); // only taking threads need one
      }
      try {
        return reader.read(pointer);
      } catch (EventReader.UnreadableEventException e) {
        unreadable++;
        store.counter.incrementEventTakeErrorCount();
        LOG.error("Channel {}: the event at {} cannot be read back ({}); it is dropped, taken "
            + "with this transaction. Run flume-ng channel-inspect for the state of the log",
            channel.getName(), Pointers.describe(pointer), e.getMessage());
      }
    }
  }

  @Override
  protected void doCommit() throws InterruptedException {
    ChannelStore current = store;
    if (records.putCount() == 0 && takes.fetched == 0) {
      finish();
      return;
    }
    current.queue.returnLeftovers(takes);
    int puts = records.putCount();
    int taken = takes.handedOut;
    if (puts == 0 && taken == 0) {
      finish();
      return;
    }
    if (puts > 0) {
      current.writer.activeGuard().checkRoomFor(records.bytes().position());
    }
    int room = Math.max(0, puts - taken);
    current.queue.reserve(room, TimeUnit.SECONDS.toNanos(current.options.keepAliveSeconds()),
        this::full);
    request.reserved = room;
    records.seal(takes.pointers, taken);
    try {
      current.committer.commit(request);
    } catch (IOException e) {
      current.queue.unreserve(room);
      records.unseal();
      if (puts > 0) {
        current.counter.incrementEventPutErrorCount();
      }
      throw new ChannelException(e.getMessage() + ". The transaction was not committed: roll "
          + "it back and retry", e);
    }
    if (puts > 0) {
      current.counter.addToEventPutSuccessCount(puts);
    }
    if (taken > unreadable) {
      current.counter.addToEventTakeSuccessCount(taken - unreadable);
    }
    current.counter.setChannelSize(current.queue.size());
    finish();
  }

  @Override
  protected void doRollback() {
    try {
      if (store != null) {
        store.queue.rollback(takes);
        store.counter.setChannelSize(store.queue.size());
      }
    } finally {
      finish();
    }
  }

  @Override
  protected boolean isReusable() {
    return true;
  }

  private ChannelFullException full(long occupied) {
    return new ChannelFullException("Channel " + channel.getName() + " is full: it holds "
        + occupied + " of its capacity of " + store.options.capacity() + " events and had no "
        + "room for more within keep-alive (" + store.options.keepAliveSeconds() + " s). The "
        + "sinks are not keeping up: let the source back off and retry, add sinks, or raise "
        + "capacity");
  }

  private void finish() {
    if (putAttempts > 0) {
      store.counter.addToEventPutAttemptCount(putAttempts);
    }
    if (takeAttempts > 0) {
      store.counter.addToEventTakeAttemptCount(takeAttempts);
    }
    lastTakes = takes.handedOut;
    records.clear();
    takes.fetched = 0;
    takes.handedOut = 0;
    putAttempts = 0;
    takeAttempts = 0;
    unreadable = 0;
  }
}
