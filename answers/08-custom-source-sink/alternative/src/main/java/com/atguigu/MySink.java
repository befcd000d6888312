package com.atguigu;

import io.flumelab.api.AbstractSink;
import io.flumelab.api.Configurable;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Transaction;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lab 08, a second correct answer: one take per call, the transaction ended on every path. */
public class MySink extends AbstractSink implements Configurable {

  private static final Logger LOG = LoggerFactory.getLogger(MySink.class);

  private String prefix = "hello:";
  private String suffix = "";

  @Override
  public void configure(Context context) {
    prefix = context.getString("prefix", prefix);
    suffix = context.getString("suffix", suffix);
  }

  @Override
  public Status process() throws EventDeliveryException {
    Transaction tx = getChannel().getTransaction();
    boolean committed = false;
    tx.begin();
    try {
      Event event = getChannel().take();
      Status status = Status.BACKOFF;
      if (event != null) {
        LOG.info("{}{}{}", prefix, new String(event.getBody(), StandardCharsets.UTF_8), suffix);
        status = Status.READY;
      }
      // an empty take commits too: the transaction must end before the runner backs off
      tx.commit();
      committed = true;
      return status;
    } catch (RuntimeException e) {
      throw new EventDeliveryException("MySink could not log an event", e);
    } finally {
      if (!committed) {
        tx.rollback();
      }
      tx.close();
    }
  }
}
