package io.flumelab.api;

/** A channel operation failed; the caller's transaction must be rolled back. */
public class ChannelException extends FlumeException {

  private static final long serialVersionUID = 1L;

  public ChannelException(String message) {
    super(message);
  }

  public ChannelException(String message, Throwable cause) {
    super(message, cause);
  }
}
