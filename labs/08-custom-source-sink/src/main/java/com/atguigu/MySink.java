package com.atguigu;

import org.apache.flume.Context;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.conf.Configurable;
import org.apache.flume.sink.AbstractSink;

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
