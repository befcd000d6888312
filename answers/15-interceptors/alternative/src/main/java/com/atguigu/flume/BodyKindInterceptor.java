package com.atguigu.flume;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import java.util.List;

/**
 * Lab 15, a second correct answer against FlumeLab's API, under another name: the kind of a body
 * is decided by its first character, and a batch is classified with a stream.
 */
public final class BodyKindInterceptor implements Interceptor {

  private final String headerName;

  BodyKindInterceptor(String headerName) {
    this.headerName = headerName;
  }

  static String kind(byte[] body) {
    if (body == null || body.length == 0) {
      return "other";
    }
    char first = (char) (body[0] & 0xFF);
    if (first < 128 && Character.isLetter(first)) {
      return "letter";
    }
    return first < 128 && Character.isDigit(first) ? "number" : "other";
  }

  @Override
  public void initialize() {
  }

  @Override
  public Event intercept(Event event) {
    event.getHeaders().put(headerName, kind(event.getBody()));
    return event;
  }

  @Override
  public List<Event> intercept(List<Event> events) {
    events.forEach(this::intercept);
    return events;
  }

  @Override
  public void close() {
  }

  public static final class Builder implements Interceptor.Builder {

    private String headerName;

    @Override
    public void configure(Context context) {
      headerName = context.getString("header");
      if (headerName == null || headerName.isBlank()) {
        headerName = "type";
      }
    }

    @Override
    public Interceptor build() {
      return new BodyKindInterceptor(headerName);
    }
  }
}
