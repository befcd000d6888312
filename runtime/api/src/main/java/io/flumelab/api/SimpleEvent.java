package io.flumelab.api;

import java.util.HashMap;
import java.util.Map;

/** The plain {@link Event}: a mutable header map and a body that is never null. */
public class SimpleEvent implements Event {

  private static final byte[] EMPTY = new byte[0];

  private Map<String, String> headers = new HashMap<>();
  private byte[] body = EMPTY;

  @Override
  public Map<String, String> getHeaders() {
    return headers;
  }

  @Override
  public void setHeaders(Map<String, String> headers) {
    this.headers = headers == null ? new HashMap<>() : headers;
  }

  @Override
  public byte[] getBody() {
    return body;
  }

  @Override
  public void setBody(byte[] body) {
    this.body = body == null ? EMPTY : body;
  }

  @Override
  public String toString() {
    return "[Event headers = " + headers + ", body.length = " + body.length + " ]";
  }
}
