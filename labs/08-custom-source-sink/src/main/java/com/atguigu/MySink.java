package com.atguigu;

import io.flumelab.api.AbstractSink;
import io.flumelab.api.Configurable;
import io.flumelab.api.Context;
import io.flumelab.api.EventDeliveryException;

/**
 * Lab 08: a sink that logs each event's body between a configured {@code prefix} (default
 * "hello:") and {@code suffix} (default ""), at INFO, in a transaction of the channel.
 */
public class MySink extends AbstractSink implements Configurable {

  @Override
  public void configure(Context context) {
    // TODO: read prefix and suffix
  }

  @Override
  public Status process() throws EventDeliveryException {
    // TODO: begin a transaction, take one event, log it, commit; roll back on failure; always
    // close the transaction. An empty channel is not an error: say BACKOFF.
    return Status.BACKOFF;
  }
}
