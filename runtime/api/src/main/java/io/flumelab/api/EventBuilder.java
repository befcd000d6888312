package io.flumelab.api;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;

/** Factory methods for {@link SimpleEvent}s. Headers are copied, so callers may reuse their map. */
public final class EventBuilder {

  private EventBuilder() {}

  public static Event withBody(byte[] body, Map<String, String> headers) {
    SimpleEvent event = new SimpleEvent();
    event.setBody(body);
    if (headers != null) {
      event.setHeaders(new HashMap<>(headers));
    }
    return event;
  }

  public static Event withBody(byte[] body) {
    return withBody(body, null);
  }

  public static Event withBody(String body, Charset charset, Map<String, String> headers) {
    return withBody(body.getBytes(charset), headers);
  }

  public static Event withBody(String body, Charset charset) {
    return withBody(body, charset, null);
  }
}
