package io.flumelab.cluster;

import io.flumelab.cluster.containers.Docker;
import java.util.List;
import java.util.Optional;

/**
 * The services FlumeLab runs, what backends each has, and how a backend is chosen:
 * {@code -Dflumelab.<service>.backend} (or {@code FLUMELAB_<SERVICE>_BACKEND}) picks one for one
 * service and fails if it cannot run; {@code -Dflumelab.backend} (or {@code FLUMELAB_BACKEND})
 * states a preference for all, used by the services that have that backend. Without a choice
 * ({@code auto}) a service takes the first of its backends that can run here: the local program
 * where it is installed, else the embedded engine, else (gmond, which has no embedded engine) a
 * container where Docker answers.
 */
public enum ServiceKind {
  HDFS("hdfs", List.of(), "", List.of(Backend.EMBEDDED)),
  KAFKA("kafka", List.of(), "", List.of(Backend.EMBEDDED, Backend.CONTAINERS)),
  MYSQL("mysql", List.of("mariadbd", "mariadb-install-db"), "mariadb-server",
      List.of(Backend.LOCAL, Backend.EMBEDDED, Backend.CONTAINERS)),
  GANGLIA("ganglia", List.of("gmond"), "ganglia-monitor", List.of(Backend.LOCAL, Backend.CONTAINERS));

  public static final String BACKEND_KEY = "flumelab.backend";

  private final String id;
  private final List<String> programs;
  private final String debianPackage;
  private final List<Backend> backends;
  private final String installHint;

  ServiceKind(String id, List<String> programs, String debianPackage, List<Backend> backends) {
    this.id = id;
    this.programs = programs;
    this.debianPackage = debianPackage;
    this.backends = backends;
    this.installHint = debianPackage.isEmpty() ? ""
        : "install " + debianPackage + ": apt-get install " + debianPackage;
  }

  public String id() {
    return id;
  }

  public String backendKey() {
    return "flumelab." + id + ".backend";
  }

  /** The backends this service has, in the order {@code auto} tries them. */
  public List<Backend> backends() {
    return backends;
  }

  /** The programs the local backend runs, the first being the server (mariadbd, gmond). */
  public List<String> programs() {
    return programs;
  }

  /** The Debian package that installs them ("mariadb-server"); empty without a local backend. */
  public String debianPackage() {
    return debianPackage;
  }

  public boolean localInstalled() {
    return !programs.isEmpty() && Programs.allInstalled(programs);
  }

  /**
   * The backend this service runs on here.
   *
   * @throws ServiceUnavailableException if none can run here (the message says what to install)
   * @throws ServiceException if the choice is not valid
   */
  public Backend chooseBackend() {
    Optional<Backend> own = choice(backendKey());
    if (own.isPresent()) {
      return require(own.get(), backendKey());
    }
    Optional<Backend> preferred = choice(BACKEND_KEY);
    if (preferred.isPresent() && backends.contains(preferred.get())) {
      return require(preferred.get(), BACKEND_KEY);
    }
    for (Backend backend : backends) {
      if (runsHere(backend)) {
        return backend;
      }
    }
    throw new ServiceUnavailableException(id + " cannot run here: " + String.join(" and ", programs)
        + " not installed, and " + Docker.whyUnavailable().orElse("Docker does not answer"),
        installHint + ", or start Docker");
  }

  private boolean runsHere(Backend backend) {
    return switch (backend) {
      case LOCAL -> localInstalled();
      case EMBEDDED -> true;
      case CONTAINERS -> Docker.available();
    };
  }

  /**
   * Why {@link #chooseBackend} chose that backend, as {@code flumelab up} shows it: the program
   * that runs ("/usr/sbin/mariadbd"), what is missing ("mariadb-server not installed"), or the
   * setting that chose it.
   */
  public String reason(Backend chosen) {
    String what;
    boolean notInstalled = backends.contains(Backend.LOCAL) && !localInstalled();
    if (chosen == Backend.LOCAL) {
      what = Programs.find(programs.get(0)).map(Object::toString).orElse(programs.get(0));
    } else if (chosen == Backend.CONTAINERS) {
      what = notInstalled ? debianPackage + " not installed, so in Docker" : "in Docker";
    } else if (notInstalled) {
      what = debianPackage + " not installed";
    } else {
      what = "from Maven artifacts, nothing to install";
    }
    if (choice(backendKey()).isPresent()) {
      return what + ", set by " + backendKey();
    }
    if (choice(BACKEND_KEY).filter(backends::contains).isPresent()) {
      return what + ", set by " + BACKEND_KEY;
    }
    return what;
  }

  private Backend require(Backend backend, String key) {
    if (!backends.contains(backend)) {
      throw new ServiceException(id + " has no " + backend.id() + " backend (" + key + ")",
          "use one of " + backends.stream().map(Backend::id).toList() + " or auto");
    }
    if (backend == Backend.LOCAL && !localInstalled()) {
      throw new ServiceUnavailableException(id + " is set to run on the local program (" + key
          + ") but " + String.join(" and ", programs) + " is not installed", installHint);
    }
    if (backend == Backend.CONTAINERS && !Docker.available()) {
      throw new ServiceUnavailableException(id + " is set to run in a container (" + key + ") but "
          + Docker.whyUnavailable().orElseThrow(), "start Docker, or unset " + key);
    }
    return backend;
  }

  private static Optional<Backend> choice(String key) {
    return Settings.get(key).filter(value -> !value.equalsIgnoreCase("auto"))
        .map(value -> Backend.parse(value, key));
  }
}
