package com.atguigu;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import org.apache.flume.Context;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.PollableSource;
import org.apache.flume.conf.Configurable;
import org.apache.flume.event.SimpleEvent;
import org.apache.flume.source.AbstractSource;

/** Lab 08 (reference solution): five events per call, "<field>0" ... "<field>4", one per delay. */
public class MySource extends AbstractSource implements Configurable, PollableSource {

  private long delay;
  private String field;

  @Override
  public void configure(Context context) {
    // the notes call these and drop the results, so the configured values never take effect
    delay = context.getLong("delay", 1000L);
    field = context.getString("field", "hello");
  }

  @Override
  public Status process() throws EventDeliveryException {
    for (int i = 0; i < 5; i++) {
      // a new event each time: the channel keeps the object it is given, so one event reused
      // (as in the notes) would give every event the last body
      SimpleEvent event = new SimpleEvent();
      event.setHeaders(new HashMap<>());
      event.setBody((field + i).getBytes(StandardCharsets.UTF_8));
      getChannelProcessor().processEvent(event);
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Status.BACKOFF;
      }
    }
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
