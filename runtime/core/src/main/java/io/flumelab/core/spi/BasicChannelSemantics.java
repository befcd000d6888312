package io.flumelab.core.spi;

import io.flumelab.api.AbstractLifecycleComponent;
import io.flumelab.api.Channel;
import io.flumelab.api.ChannelException;
import io.flumelab.api.Event;
import io.flumelab.api.Transaction;

/**
 * Base of transactional channels: each thread has at most one current transaction, kept in a
 * thread-local, and {@link #put}/{@link #take} act in it. Subclasses supply
 * {@link #createTransaction()}; the state rules live in {@link BasicTransactionSemantics}.
 */
public abstract class BasicChannelSemantics extends AbstractLifecycleComponent
    implements Channel {

  private final ThreadLocal<BasicTransactionSemantics> currentTransaction = new ThreadLocal<>();

  /** A new transaction for the calling thread. */
  protected abstract BasicTransactionSemantics createTransaction();

  @Override
  public Transaction getTransaction() {
    BasicTransactionSemantics transaction = currentTransaction.get();
    // A closed transaction is renewed in place when the channel allows it, else replaced.
    if (transaction == null
        || (transaction.getState() == BasicTransactionSemantics.State.CLOSED
            && !transaction.renew())) {
      transaction = createTransaction();
      currentTransaction.set(transaction);
    }
    return transaction;
  }

  @Override
  public void put(Event event) throws ChannelException {
    current("put").put(event, getName());
  }

  @Override
  public Event take() throws ChannelException {
    return current("take").take(getName());
  }

  /**
   * A take that never waits, for a channel implementing {@link NonWaitingTake}: its transaction's
   * {@link BasicTransactionSemantics#doTakeWithoutWaiting()}.
   */
  protected final Event takeWithoutWaitingInTransaction() throws ChannelException {
    return current("take").takeWithoutWaiting(getName());
  }

  private BasicTransactionSemantics current(String operation) {
    BasicTransactionSemantics transaction = currentTransaction.get();
    if (transaction == null) {
      throw new ChannelException(operation + "() on channel " + getName()
          + " outside a transaction: call getTransaction() and begin() first, then " + operation
          + ", then commit() or rollback(), and close()");
    }
    return transaction;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{name:" + getName() + "}";
  }
}
