package io.flumelab.api;

/**
 * A channel that limits how many events one transaction may carry. Flume's interface of the same
 * name; see {@link BatchSizeSupported}.
 */
public interface TransactionCapacitySupported {

  /** The most events one transaction on this channel may put or take. */
  long getTransactionCapacity();
}
