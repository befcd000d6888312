package io.flumelab.cluster;

/** A service could not start or run; the message says why and what to do about it. */
public class ServiceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String fix;

  public ServiceException(String reason, String fix) {
    this(reason, fix, null);
  }

  public ServiceException(String reason, String fix, Throwable cause) {
    super(reason + (fix == null || fix.isEmpty() ? "" : "; " + fix), cause);
    this.fix = fix;
  }

  /** What the user can do, e.g. "install ganglia-monitor: apt-get install ganglia-monitor". */
  public String fix() {
    return fix;
  }
}
