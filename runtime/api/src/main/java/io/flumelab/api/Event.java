package io.flumelab.api;

import java.util.Map;

/** One unit of data moving through an agent: string headers and an opaque byte body. */
public interface Event {

  Map<String, String> getHeaders();

  void setHeaders(Map<String, String> headers);

  byte[] getBody();

  void setBody(byte[] body);
}
