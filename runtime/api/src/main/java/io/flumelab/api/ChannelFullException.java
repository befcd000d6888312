package io.flumelab.api;

/**
 * The channel had no room for a put within its keep-alive. Sources should roll back, back off and
 * retry, or tell their client to.
 */
public class ChannelFullException extends ChannelException {

  private static final long serialVersionUID = 1L;

  public ChannelFullException(String message) {
    super(message);
  }
}
