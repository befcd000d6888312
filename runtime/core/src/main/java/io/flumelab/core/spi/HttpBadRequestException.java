package io.flumelab.core.spi;

import io.flumelab.api.FlumeException;

/** A request a handler cannot turn into events; the http source answers 400 with the message. */
public class HttpBadRequestException extends FlumeException {

  private static final long serialVersionUID = 1L;

  public HttpBadRequestException(String message) {
    super(message);
  }

  public HttpBadRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
