package io.flumelab.api;

/** A source or sink could not deliver events; the runner backs off and calls it again. */
public class EventDeliveryException extends Exception {

  private static final long serialVersionUID = 1L;

  public EventDeliveryException(String message) {
    super(message);
  }

  public EventDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }

  public EventDeliveryException(Throwable cause) {
    super(cause);
  }
}
