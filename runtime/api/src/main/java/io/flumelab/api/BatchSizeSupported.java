package io.flumelab.api;

/**
 * A source or sink that moves events in batches, one channel transaction each. The runtime refuses
 * to start it when its batch is larger than its channel's
 * {@link TransactionCapacitySupported#getTransactionCapacity()}: such a batch would fail on every
 * try once that many events are ready. Flume's interface of the same name.
 */
public interface BatchSizeSupported {

  /** The most events this component puts or takes in one transaction. */
  long getBatchSize();
}
