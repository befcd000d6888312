package io.flumelab.core.topology;

/**
 * A graph that cannot be made: a file that cannot be read, an agent no file configures. The
 * message names the file and says what to do.
 */
public class FlowGraphException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public FlowGraphException(String message) {
    super(message);
  }
}
