package io.flumelab.core.interceptor;

import io.flumelab.api.AbstractSource;
import io.flumelab.api.Event;
import io.flumelab.api.EventDrivenSource;
import java.util.List;

/** A source the test feeds by hand, so an agent's wiring can be exercised without a network. */
public class InjectingSource extends AbstractSource implements EventDrivenSource {

  public void deliver(List<Event> events) {
    getChannelProcessor().processEventBatch(events);
  }

  public void deliver(Event event) {
    getChannelProcessor().processEvent(event);
  }
}
