package io.flumelab.flume;

import io.flumelab.api.Channel;
import org.apache.flume.ChannelException;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.lifecycle.LifecycleState;

/**
 * Flume's view of one of the agent's channels, for Flume sinks and selectors. Puts and takes act
 * in the calling thread's transaction of the channel, as on Flume. The agent owns the channel's
 * lifecycle, so {@code start}, {@code stop} and {@code setName} change nothing. Two views of one
 * channel are equal, so Flume code that keys maps by channel sees one channel.
 */
final class ChannelView implements org.apache.flume.Channel {

  private final Channel ours;
  /** The view of the thread's current transaction, renewed when the channel gives it another. */
  private final ThreadLocal<TransactionView> transactions = new ThreadLocal<>();

  ChannelView(Channel ours) {
    this.ours = ours;
  }

  /** The agent's channel behind the view. */
  Channel ours() {
    return ours;
  }

  @Override
  public void put(Event event) throws ChannelException {
    try {
      ours.put(FlumeEvents.toOurs(event));
    } catch (RuntimeException e) {
      throw FlumeErrors.fromChannel(e);
    }
  }

  @Override
  public Event take() throws ChannelException {
    try {
      return FlumeEvents.toFlume(ours.take());
    } catch (RuntimeException e) {
      throw FlumeErrors.fromChannel(e);
    }
  }

  @Override
  public Transaction getTransaction() {
    io.flumelab.api.Transaction transaction;
    try {
      transaction = ours.getTransaction();
    } catch (RuntimeException e) {
      throw FlumeErrors.fromChannel(e);
    }
    TransactionView view = transactions.get();
    if (view == null || !view.isOf(transaction)) {
      view = new TransactionView(transaction);
      transactions.set(view);
    }
    return view;
  }

  @Override
  public void setName(String name) {}

  @Override
  public String getName() {
    return ours.getName();
  }

  @Override
  public void start() {}

  @Override
  public void stop() {}

  @Override
  public LifecycleState getLifecycleState() {
    return LifecycleStates.toFlume(ours.getLifecycleState());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ChannelView view && view.ours == ours;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(ours);
  }

  @Override
  public String toString() {
    return ours.toString();
  }
}
