package io.flumelab.core.interceptor;

import io.flumelab.api.AbstractSink;
import io.flumelab.api.Channel;
import io.flumelab.api.Event;
import io.flumelab.api.Transaction;
import io.flumelab.core.spi.NonWaitingTake;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that keeps what it delivers, so a test can see what reached the end of a flow. */
public class CollectingSink extends AbstractSink {

  private final List<Event> delivered = new CopyOnWriteArrayList<>();

  public List<Event> delivered() {
    return delivered;
  }

  @Override
  public Status process() {
    Channel channel = getChannel();
    Transaction tx = channel.getTransaction();
    tx.begin();
    try {
      int taken = 0;
      for (Event event = NonWaitingTake.takeFrom(channel); event != null; event = NonWaitingTake.takeFrom(channel)) {
        delivered.add(event);
        if (++taken == 100) {
          break;
        }
      }
      tx.commit();
      return taken == 0 ? Status.BACKOFF : Status.READY;
    } catch (RuntimeException e) {
      tx.rollback();
      throw e;
    } finally {
      tx.close();
    }
  }
}
