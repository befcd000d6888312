package com.atguigu;

// The course notes' custom interceptor (case 4: routing with a multiplexing selector). Porting it
// from Flume took only these imports (org.apache.flume.* became io.flumelab.api.*) plus the fix
// marked FIXED below.
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import java.util.List;
import java.util.Map;

/** Sets the header {@code type} to {@code first} for bodies that mention atguigu, else {@code second}. */
public class TypeInterceptor implements Interceptor {

  @Override
  public void initialize() {}

  @Override
  public Event intercept(Event event) {
    Map<String, String> headers = event.getHeaders();
    String body = new String(event.getBody());
    if (body.contains("atguigu")) {
      headers.put("type", "first");
    } else {
      headers.put("type", "second");
    }
    return event;
  }

  @Override
  public List<Event> intercept(List<Event> events) {
    // FIXED: the notes copy the events into one list field, cleared on each call, and return it.
    // A source with several connections calls this from several threads at once, which then share
    // (and clear) each other's batch. Changing the events in place needs no list at all.
    for (Event event : events) {
      intercept(event);
    }
    return events;
  }

  @Override
  public void close() {}

  public static class Builder implements Interceptor.Builder {

    @Override
    public Interceptor build() {
      return new TypeInterceptor();
    }

    @Override
    public void configure(Context context) {}
  }
}
