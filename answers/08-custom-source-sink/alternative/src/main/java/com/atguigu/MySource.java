package com.atguigu;

import io.flumelab.api.AbstractSource;
import io.flumelab.api.Configurable;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.PollableSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lab 08, a second correct answer: the five events of a call are built one per delay with
 * EventBuilder and handed to the channels together, in one transaction per channel.
 */
public class MySource extends AbstractSource implements Configurable, PollableSource {

  private static final int EVENTS_PER_CALL = 5;

  private String prefix = "hello";
  private long delayMillis = 1000;

  @Override
  public void configure(Context context) {
    prefix = context.getString("field", prefix);
    delayMillis = context.getLong("delay", delayMillis);
  }

  @Override
  public Status process() throws EventDeliveryException {
    List<Event> batch = new ArrayList<>(EVENTS_PER_CALL);
    try {
      for (int i = 0; i < EVENTS_PER_CALL; i++) {
        batch.add(EventBuilder.withBody(prefix + i, StandardCharsets.UTF_8));
        TimeUnit.MILLISECONDS.sleep(delayMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Status.BACKOFF;
    }
    getChannelProcessor().processEventBatch(batch);
    return Status.READY;
  }

  @Override
  public long getBackOffSleepIncrement() {
    return 0;
  }

  @Override
  public long getMaxBackOffSleepInterval() {
    return 0;
  }
}
