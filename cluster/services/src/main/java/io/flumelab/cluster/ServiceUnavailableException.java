package io.flumelab.cluster;

/**
 * No backend of a service can run on this machine (no program installed, no Docker, no embedded
 * engine). Tests that need the service skip outside CI and fail in CI.
 */
public final class ServiceUnavailableException extends ServiceException {

  private static final long serialVersionUID = 1L;

  public ServiceUnavailableException(String reason, String fix) {
    super(reason, fix);
  }
}
