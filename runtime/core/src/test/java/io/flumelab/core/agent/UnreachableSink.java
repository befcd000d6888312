package io.flumelab.core.agent;

import io.flumelab.api.AbstractSink;
import io.flumelab.api.Channel;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Transaction;
import io.flumelab.core.spi.NonWaitingTake;

/**
 * A sink whose downstream never answers: each call takes a batch, fails and rolls it back, as a
 * network sink does while its peer is down. Public with a no-argument constructor so an agent
 * config can name it.
 */
public class UnreachableSink extends AbstractSink {

  @Override
  public Status process() throws EventDeliveryException {
    Channel channel = getChannel();
    Transaction tx = channel.getTransaction();
    tx.begin();
    try {
      for (int i = 0; i < 100 && NonWaitingTake.takeFrom(channel) != null; i++) {
        // taken only to be given back: the delivery below fails
      }
      tx.rollback();
      throw new EventDeliveryException("sink " + getName() + ": nobody listens downstream");
    } finally {
      tx.close();
    }
  }
}
