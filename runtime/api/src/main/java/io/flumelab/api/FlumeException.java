package io.flumelab.api;

/** Base of the runtime's unchecked exceptions; the name is kept so ported code still catches it. */
public class FlumeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public FlumeException(String message) {
    super(message);
  }

  public FlumeException(String message, Throwable cause) {
    super(message, cause);
  }

  public FlumeException(Throwable cause) {
    super(cause);
  }
}
