package io.flumelab.api;

/**
 * A unit of work on one channel, used by exactly one thread:
 *
 * <pre>{@code
 * Transaction tx = channel.getTransaction();
 * tx.begin();
 * try {
 *   channel.put(event);       // or take()
 *   tx.commit();              // puts become visible, takes become final
 * } catch (Throwable t) {
 *   tx.rollback();            // puts are dropped, taken events go back to the head of the channel
 *   throw t;
 * } finally {
 *   tx.close();
 * }
 * }</pre>
 */
public interface Transaction {

  void begin();

  void commit();

  void rollback();

  void close();
}
