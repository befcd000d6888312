package io.flumelab.api;

/**
 * A buffer between sources and sinks. {@link #put} and {@link #take} act within the calling thread's
 * current transaction, obtained from {@link #getTransaction()} and begun before use.
 */
public interface Channel extends LifecycleAware, NamedComponent {

  /** Adds an event to the current transaction; it becomes visible to takers on commit. */
  void put(Event event) throws ChannelException;

  /** Removes the oldest committed event within the current transaction, or returns null if none. */
  Event take() throws ChannelException;

  /** The calling thread's open transaction, or a new one if it has none. */
  Transaction getTransaction();
}
