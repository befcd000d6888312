package io.flumelab.flume;

import io.flumelab.api.Transaction;

/** Flume's view of one of the agent's channel transactions; failures as Flume's types. */
final class TransactionView implements org.apache.flume.Transaction {

  private final Transaction ours;

  TransactionView(Transaction ours) {
    this.ours = ours;
  }

  boolean isOf(Transaction transaction) {
    return ours == transaction;
  }

  @Override
  public void begin() {
    try {
      ours.begin();
    } catch (RuntimeException e) {
      throw FlumeErrors.fromChannel(e);
    }
  }

  @Override
  public void commit() {
    try {
      ours.commit();
    } catch (RuntimeException e) {
      throw FlumeErrors.fromChannel(e);
    }
  }

  @Override
  public void rollback() {
    try {
      ours.rollback();
    } catch (RuntimeException e) {
      throw FlumeErrors.fromChannel(e);
    }
  }

  @Override
  public void close() {
    try {
      ours.close();
    } catch (RuntimeException e) {
      throw FlumeErrors.fromChannel(e);
    }
  }

  @Override
  public String toString() {
    return ours.toString();
  }
}
