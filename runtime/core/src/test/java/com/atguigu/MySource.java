package com.atguigu;

// The course notes' custom source. Porting it from Flume took only these imports
// (org.apache.flume.* became io.flumelab.api.*) plus the two bug fixes marked FIXED below.
import io.flumelab.api.AbstractSource;
import io.flumelab.api.Context;
import io.flumelab.api.Configurable;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.PollableSource;
import io.flumelab.api.SimpleEvent;
import java.util.HashMap;

/** Adds a configured prefix to five numbered events per call, one every {@code delay} ms. */
public class MySource extends AbstractSource implements Configurable, PollableSource {

  private Long delay;
  private String field;

  @Override
  public Status process() throws EventDeliveryException {
    for (int i = 0; i < 5; i++) {
      // FIXED: the notes reuse one SimpleEvent and one header map for all five events. A channel
      // keeps the object it was given, so every event it held would end up with the last body.
      SimpleEvent event = new SimpleEvent();
      event.setHeaders(new HashMap<>());
      event.setBody((field + i).getBytes());
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

  @Override
  public void configure(Context context) {
    // FIXED: the notes call context.getLong("delay") and context.getString("field", "hello") and
    // discard both results, so the configured prefix never took effect.
    delay = context.getLong("delay", 1000L);
    field = context.getString("field", "hello");
  }
}
