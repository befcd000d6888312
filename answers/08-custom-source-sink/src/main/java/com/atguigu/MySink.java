package com.atguigu;

import java.nio.charset.StandardCharsets;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Transaction;
import org.apache.flume.conf.Configurable;
import org.apache.flume.sink.AbstractSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lab 08 (reference solution): logs each body between the prefix and the suffix. */
public class MySink extends AbstractSink implements Configurable {

  private static final Logger LOG = LoggerFactory.getLogger(MySink.class);

  private String prefix;
  private String suffix;

  @Override
  public void configure(Context context) {
    prefix = context.getString("prefix", "hello:");
    suffix = context.getString("suffix", "");
  }

  @Override
  public Status process() throws EventDeliveryException {
    Channel channel = getChannel();
    Transaction transaction = channel.getTransaction();
    transaction.begin();
    try {
      // one take: looping until an event comes (as the notes do) keeps the transaction open and
      // a core busy while the channel is empty
      Event event = channel.take();
      if (event == null) {
        transaction.commit();
        return Status.BACKOFF;
      }
      LOG.info(prefix + new String(event.getBody(), StandardCharsets.UTF_8) + suffix);
      transaction.commit();
      return Status.READY;
    } catch (RuntimeException e) {
      transaction.rollback();
      throw new EventDeliveryException("MySink could not log an event", e);
    } finally {
      transaction.close();
    }
  }
}
