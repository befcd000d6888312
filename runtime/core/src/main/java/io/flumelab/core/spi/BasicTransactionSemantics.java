package io.flumelab.core.spi;

import io.flumelab.api.ChannelException;
import io.flumelab.api.Event;
import io.flumelab.api.Transaction;

/**
 * The transaction state machine every FlumeLab channel shares, so a channel implements only the
 * {@code doXxx} steps and can rely on them being called in a legal state, on the owning thread.
 *
 * <pre>
 *   NEW --begin--> OPEN --commit/rollback--> COMPLETED --close--> CLOSED
 *    \______________________________________________close______/
 * </pre>
 *
 * <ul>
 *   <li>{@code begin} only when NEW; {@code commit} and {@code rollback} only when OPEN;
 *       {@code close} only when NEW or COMPLETED. Closing an OPEN transaction is a bug in the
 *       caller (it would silently lose or keep events), so it fails instead of rolling back.
 *   <li>If {@code doCommit} throws, the transaction stays OPEN: the caller rolls back.
 *   <li>{@code rollback} marks the transaction COMPLETED before {@code doRollback}, so the caller
 *       can always close it afterwards.
 *   <li>State misuse throws {@link IllegalStateException}; {@code put}/{@code take} outside an
 *       open transaction throw {@link ChannelException} naming the fix.
 *   <li>An interrupt during a blocking step becomes a {@link ChannelException} with the thread's
 *       interrupt flag restored; an interrupted {@code take} returns null instead.
 * </ul>
 *
 * <p>Not thread-safe by design: a transaction belongs to the thread that obtained it.
 */
public abstract class BasicTransactionSemantics implements Transaction {

  /** Where a transaction is in its life. */
  public enum State {
    NEW, OPEN, COMPLETED, CLOSED
  }

  private final Thread owner;
  private State state = State.NEW;

  protected BasicTransactionSemantics() {
    owner = Thread.currentThread();
  }

  protected void doBegin() throws InterruptedException {}

  protected abstract void doPut(Event event) throws InterruptedException;

  protected abstract Event doTake() throws InterruptedException;

  /**
   * A take that returns null at once on an empty channel; a channel whose {@link #doTake()} waits
   * for events overrides it (see {@link NonWaitingTake}).
   */
  protected Event doTakeWithoutWaiting() throws InterruptedException {
    return doTake();
  }

  protected abstract void doCommit() throws InterruptedException;

  protected abstract void doRollback() throws InterruptedException;

  protected void doClose() {}

  /**
   * Whether this object may serve the owning thread's next transaction once closed, sparing an
   * allocation per batch. A channel answering true must have cleared its per-transaction state by
   * the time {@link #doClose()} returns.
   */
  protected boolean isReusable() {
    return false;
  }

  public final State getState() {
    return state;
  }

  /** Makes a CLOSED, reusable transaction NEW again; false if it cannot be reused. */
  final boolean renew() {
    if (state != State.CLOSED || !isReusable()) {
      return false;
    }
    state = State.NEW;
    return true;
  }

  final void put(Event event, String channelName) {
    checkOpenForIo("put", channelName);
    if (event == null) {
      throw new IllegalArgumentException("put() on channel " + channelName + " with a null event");
    }
    try {
      doPut(event);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelException("Interrupted while putting to channel " + channelName, e);
    }
  }

  final Event take(String channelName) {
    checkOpenForIo("take", channelName);
    try {
      return doTake();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  final Event takeWithoutWaiting(String channelName) {
    checkOpenForIo("take", channelName);
    try {
      return doTakeWithoutWaiting();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public final void begin() {
    checkOwner("begin");
    if (state != State.NEW) {
      throw new IllegalStateException("begin() called when the transaction is " + state
          + ": call getTransaction() again after close() for a new transaction");
    }
    try {
      doBegin();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelException("Interrupted while beginning a transaction", e);
    }
    state = State.OPEN;
  }

  @Override
  public final void commit() {
    checkOwner("commit");
    if (state != State.OPEN) {
      throw new IllegalStateException("commit() called when the transaction is " + state
          + ": a transaction is committed or rolled back once, after begin(), then closed");
    }
    try {
      doCommit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelException("Interrupted while committing; roll the transaction back", e);
    }
    state = State.COMPLETED;
  }

  @Override
  public final void rollback() {
    checkOwner("rollback");
    if (state != State.OPEN) {
      throw new IllegalStateException("rollback() called when the transaction is " + state
          + ": a transaction is committed or rolled back once, after begin(), then closed");
    }
    state = State.COMPLETED;
    try {
      doRollback();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelException("Interrupted while rolling back", e);
    }
  }

  @Override
  public final void close() {
    checkOwner("close");
    if (state != State.NEW && state != State.COMPLETED) {
      throw new IllegalStateException("close() called when the transaction is " + state
          + ": commit() or rollback() it first");
    }
    state = State.CLOSED;
    doClose();
  }

  private void checkOpenForIo(String operation, String channelName) {
    checkOwner(operation);
    if (state != State.OPEN) {
      throw new ChannelException(operation + "() on channel " + channelName
          + " while its transaction is " + state + ": call getTransaction() and begin() first, then "
          + operation + ", then commit() or rollback(), and close()");
    }
  }

  private void checkOwner(String operation) {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(operation + "() called from thread "
          + Thread.currentThread().getName() + " but the transaction belongs to thread "
          + owner.getName() + ": each thread uses the transaction getTransaction() gave it");
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{state:" + state + ",thread:" + owner.getName() + "}";
  }
}
