package io.flumelab.core.spi;

import java.util.Map;

/**
 * One request to the http source, as its handler sees it: whole, already read.
 *
 * @param method the HTTP method, such as {@code POST}
 * @param uri the request target, such as {@code /} or {@code /?a=b}
 * @param headers the request headers, names in lower case, the first value of each
 * @param charset the {@code charset} parameter of the Content-Type, or null if none was given
 * @param body the request body, empty if none
 */
public record HttpSourceRequest(String method, String uri, Map<String, String> headers,
    String charset, byte[] body) {

  public HttpSourceRequest {
    headers = Map.copyOf(headers);
  }
}
