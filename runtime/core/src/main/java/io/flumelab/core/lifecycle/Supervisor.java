package io.flumelab.core.lifecycle;

import io.flumelab.api.FlumeException;
import io.flumelab.api.LifecycleAware;
import io.flumelab.api.LifecycleState;
import io.flumelab.core.spi.AgentKeys;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps components running: a component whose start fails, or that later reports ERROR, is stopped
 * and started again after a growing pause (1 s, 2 s, ... 30 s), so a port that is briefly taken or a
 * downstream that is not up yet heals without a restart of the agent.
 */
public final class Supervisor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
  private final long checkIntervalMillis;
  private final long incrementMillis;
  private final long maxMillis;
  private final ScheduledExecutorService executor;
  private final Map<String, Supervised> components = new ConcurrentHashMap<>();

  /** Messages name keys with this agent's name (see {@link AgentKeys}). */
  private final String agentName;

  public Supervisor(String agentName) {
    this(agentName, 1000, 1000, 30_000);
  }

  /**
   * @param agentName the agent whose components these are, named in their messages' keys
   * @param checkIntervalMillis how often a running component's state is looked at
   * @param incrementMillis the restart pause grows by this after each failed start
   * @param maxMillis the longest restart pause
   */
  public Supervisor(String agentName, long checkIntervalMillis, long incrementMillis,
      long maxMillis) {
    this.agentName = agentName;
    this.checkIntervalMillis = checkIntervalMillis;
    this.incrementMillis = incrementMillis;
    this.maxMillis = maxMillis;
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "lifecycle-supervisor");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Starts the component now, on the calling thread, and keeps it started.
   *
   * @return true if the first start succeeded
   */
  public boolean supervise(String name, LifecycleAware component) {
    Supervised supervised = new Supervised(name, component, new Backoff(incrementMillis, maxMillis));
    components.put(name, supervised);
    boolean started = supervised.tryStart();
    executor.schedule(() -> check(supervised), started ? checkIntervalMillis : supervised.pause,
        TimeUnit.MILLISECONDS);
    return started;
  }

  /** Stops watching the component, waiting out a restart in progress; the caller stops it. */
  public void unsupervise(String name) {
    Supervised supervised = components.remove(name);
    if (supervised != null) {
      synchronized (supervised) {
        supervised.wanted = false;
      }
    }
  }

  private void check(Supervised supervised) {
    long next = checkIntervalMillis;
    synchronized (supervised) {
      if (!supervised.wanted) {
        return;
      }
      LifecycleState state = supervised.component.getLifecycleState();
      if (state != LifecycleState.START) {
        if (state == LifecycleState.ERROR) {
          LOG.warn("{} reported an error; restarting it", supervised.name);
          stopQuietly(supervised);
        }
        if (!supervised.tryStart()) {
          next = supervised.pause;
        }
      }
    }
    if (!executor.isShutdown()) {
      executor.schedule(() -> check(supervised), next, TimeUnit.MILLISECONDS);
    }
  }

  private static void stopQuietly(Supervised supervised) {
    try {
      supervised.component.stop();
    } catch (RuntimeException e) {
      LOG.warn("{} failed to stop: {}", supervised.name, e.toString());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private final class Supervised {
    final String name;
    final LifecycleAware component;
    final Backoff backoff;
    volatile boolean wanted = true;
    long pause;

    Supervised(String name, LifecycleAware component, Backoff backoff) {
      this.name = name;
      this.component = component;
      this.backoff = backoff;
    }

    synchronized boolean tryStart() {
      try {
        component.start();
        backoff.reset();
        return true;
      } catch (RuntimeException e) {
        pause = backoff.next();
        // A FlumeException carries a message written for the user; anything else is a bug to trace.
        if (e instanceof FlumeException) {
          LOG.error("{} failed to start: {} (trying again in {} s)", name,
              AgentKeys.named(e.getMessage(), agentName), pause / 1000.0);
        } else {
          LOG.error("{} failed to start (trying again in {} s)", name, pause / 1000.0, e);
        }
        return false;
      }
    }
  }
}
