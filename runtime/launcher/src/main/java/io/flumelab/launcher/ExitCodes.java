package io.flumelab.launcher;

/** The launcher's exit statuses. */
final class ExitCodes {

  static final int OK = 0;
  /** The configuration has problems; they were printed. */
  static final int INVALID_CONFIG = 1;
  /** A command could not do its work, e.g. avro-client could not deliver. */
  static final int FAILURE = 2;
  /**
   * The agent stopped but discarded committed events its sinks had not delivered by the end of
   * the drain (memory channels keep nothing across a stop); an ERROR line per channel says how
   * many.
   */
  static final int EVENTS_DISCARDED = 3;

  private ExitCodes() {}
}
