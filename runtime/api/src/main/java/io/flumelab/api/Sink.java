package io.flumelab.api;

/**
 * Drains one channel. The runtime calls {@link #process()} in a loop on the sink's own thread;
 * each call should take a batch in one transaction, deliver it, and commit (or roll back).
 */
public interface Sink extends LifecycleAware, NamedComponent {

  void setChannel(Channel channel);

  Channel getChannel();

  /**
   * @return {@link Status#READY} if events were delivered, {@link Status#BACKOFF} if the channel
   *     was empty, so the runner pauses before the next call
   * @throws EventDeliveryException if delivery failed; the transaction must have been rolled back
   */
  Status process() throws EventDeliveryException;

  enum Status {
    READY,
    BACKOFF
  }
}
