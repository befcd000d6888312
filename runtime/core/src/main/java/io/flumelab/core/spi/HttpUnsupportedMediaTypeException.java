package io.flumelab.core.spi;

/**
 * A request whose content type the handler does not read; the http source answers 415 Unsupported
 * Media Type with the message.
 */
public class HttpUnsupportedMediaTypeException extends HttpBadRequestException {

  private static final long serialVersionUID = 1L;

  public HttpUnsupportedMediaTypeException(String message) {
    super(message);
  }
}
