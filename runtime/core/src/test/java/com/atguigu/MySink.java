package com.atguigu;

// The course notes' custom sink. Porting it from Flume took only these imports
// (org.apache.flume.* became io.flumelab.api.*) plus the bug fix marked FIXED below.
import io.flumelab.api.AbstractSink;
import io.flumelab.api.Channel;
import io.flumelab.api.Configurable;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each event's body between a configured prefix and suffix. */
public class MySink extends AbstractSink implements Configurable {

  private static final Logger logger = LoggerFactory.getLogger(MySink.class);
  private String prefix;
  private String suffix;

  @Override
  public Status process() throws EventDeliveryException {
    Status status;
    Channel ch = getChannel();
    Transaction transaction = ch.getTransaction();
    transaction.begin();
    try {
      // FIXED: the notes loop on take() until an event arrives, holding the transaction open and
      // a core busy; an empty channel should end the transaction and let the runner back off.
      Event event = ch.take();
      if (event != null) {
        logger.info(prefix + new String(event.getBody()) + suffix);
        status = Status.READY;
      } else {
        status = Status.BACKOFF;
      }
      transaction.commit();
    } catch (Exception e) {
      transaction.rollback();
      throw new EventDeliveryException("MySink could not log an event", e);
    } finally {
      transaction.close();
    }
    return status;
  }

  @Override
  public void configure(Context context) {
    prefix = context.getString("prefix", "hello:");
    suffix = context.getString("suffix");
  }
}
