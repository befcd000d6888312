package com.atguigu.interceptor;

import java.util.List;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.interceptor.Interceptor;

/**
 * Lab 15 (reference solution): sets the header {@code header} (default {@code type}) to
 * {@code letter}, {@code number} or {@code other} by the first byte of each event's body.
 */
public class TypeInterceptor implements Interceptor {

  private final String header;

  private TypeInterceptor(String header) {
    this.header = header;
  }

  @Override
  public void initialize() {
  }

  @Override
  public Event intercept(Event event) {
    // put into the event's own map: replacing the map would drop what earlier interceptors set
    event.getHeaders().put(header, kindOf(event.getBody()));
    return event;
  }

  @Override
  public List<Event> intercept(List<Event> events) {
    for (Event event : events) {
      intercept(event);
    }
    return events;
  }

  @Override
  public void close() {
  }

  private static String kindOf(byte[] body) {
    if (body == null || body.length == 0) {
      return "other";
    }
    byte first = body[0];
    if ((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')) {
      return "letter";
    }
    if (first >= '0' && first <= '9') {
      return "number";
    }
    return "other";
  }

  /** Reads the key {@code header} and builds interceptors that set it. */
  public static class Builder implements Interceptor.Builder {

    private String header = "type";

    @Override
    public void configure(Context context) {
      header = context.getString("header", "type");
    }

    @Override
    public Interceptor build() {
      return new TypeInterceptor(header);
    }
  }
}
