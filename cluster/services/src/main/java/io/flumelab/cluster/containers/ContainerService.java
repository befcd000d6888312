package io.flumelab.cluster.containers;

import io.flumelab.cluster.Backend;
import io.flumelab.cluster.Service;
import io.flumelab.cluster.ServiceException;
import io.flumelab.cluster.ServiceKind;
import java.time.Duration;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.testcontainers.containers.GenericContainer;

/**
 * Base of the services that run as one Docker container: start creates it, starts it (pulling or
 * building its image the first time) and waits until clients can use it; stop removes it with its
 * data. A container that died makes the service FAILED.
 */
abstract class ContainerService implements Service {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private GenericContainer<?> container;
  private Status status = Status.STOPPED;

  /** Fails with the setting to change if a port the container publishes is taken. */
  protected abstract void requirePortsFree();

  /** The container to run, configured and not started. */
  protected abstract GenericContainer<?> newContainer();

  /** Whether clients can use the service yet. */
  protected abstract boolean ready();

  @Override
  public Backend backend() {
    return Backend.CONTAINERS;
  }

  @Override
  public synchronized void start() {
    if (status == Status.RUNNING) {
      return;
    }
    requirePortsFree();
    try {
      container = newContainer();
      container.start();
      Awaitility.await().atMost(READY_TIMEOUT).pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200)).until(this::ready);
      status = Status.RUNNING;
    } catch (RuntimeException e) {
      status = Status.FAILED;
      stopQuietly();
      String key = ServiceKind.valueOf(name().toUpperCase(Locale.ROOT)).backendKey();
      throw new ServiceException(name() + " (" + engine() + ") could not start: " + e.getMessage(),
          "see the container's log above, or unset " + key + " to run it without Docker", e);
    }
  }

  @Override
  public synchronized void stop() {
    stopQuietly();
    if (status != Status.FAILED) {
      status = Status.STOPPED;
    }
  }

  private void stopQuietly() {
    if (container != null) {
      container.stop();
      container = null;
    }
  }

  @Override
  public synchronized Status status() {
    if (status == Status.RUNNING && !container.isRunning()) {
      status = Status.FAILED;
    }
    return status;
  }
}
