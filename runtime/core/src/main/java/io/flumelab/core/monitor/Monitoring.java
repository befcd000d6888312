package io.flumelab.core.monitor;

import io.flumelab.api.Context;
import io.flumelab.api.FlumeException;
import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.MonitorService;
import io.flumelab.core.spi.MonitoredAgent;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * An agent's monitoring, as Flume's {@code -Dflume.monitoring.*} system properties ask for it:
 * the counters are always JMX MBeans; {@code flume.monitoring.type} adds a reporter ({@code http},
 * {@code ganglia}, or a {@link MonitorService} class), configured by the other
 * {@code flume.monitoring.*} keys.
 */
public final class Monitoring {

  public static final String PREFIX = "flume.monitoring.";
  public static final String TYPE_KEY = PREFIX + "type";
  /** In module flumelab-ganglia, which the agent launcher has. */
  private static final String GANGLIA = "io.flumelab.ganglia.GangliaReporter";

  /** Short names and Flume's class names of the reporters FlumeLab has. */
  private static final Map<String, String> TYPES = Map.of(
      "http", HttpMetricsServer.class.getName(),
      "org.apache.flume.instrumentation.http.HTTPMetricsServer", HttpMetricsServer.class.getName(),
      "ganglia", GANGLIA,
      "org.apache.flume.instrumentation.GangliaServer", GANGLIA);

  private final CounterMBeans mbeans = new CounterMBeans();
  private final MonitorService reporter;

  private Monitoring(MonitorService reporter) {
    this.reporter = reporter;
  }

  /**
   * Reads the {@code flume.monitoring.*} keys of {@code properties} and configures the reporter.
   *
   * @throws FlumeException if the type names nothing FlumeLab can run; the message says what can
   * @throws io.flumelab.api.ConfigurationException if a key's value is wrong
   */
  public static Monitoring fromProperties(Properties properties) {
    String type = properties.getProperty(TYPE_KEY, "").trim();
    if (type.isEmpty()) {
      return new Monitoring(null);
    }
    MonitorService reporter = create(type);
    Map<String, String> keys = new HashMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(PREFIX) && !key.equals(TYPE_KEY)) {
        keys.put(key.substring(PREFIX.length()), properties.getProperty(key));
      }
    }
    reporter.configure(new Context(keys));
    return new Monitoring(reporter);
  }

  private static MonitorService create(String type) {
    String className = TYPES.getOrDefault(type.toLowerCase(Locale.ROOT),
        TYPES.getOrDefault(type, type));
    try {
      Class<?> found = Class.forName(className);
      if (!MonitorService.class.isAssignableFrom(found)) {
        throw new FlumeException(TYPE_KEY + "=" + type + ": " + className + " is not a "
            + MonitorService.class.getName());
      }
      return (MonitorService) found.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      if (className.equals(GANGLIA)) {
        throw new FlumeException(TYPE_KEY + "=" + type + " needs the module flumelab-ganglia on "
            + "the agent's classpath (bin/flume-ng has it)", e);
      }
      throw new FlumeException(TYPE_KEY + "=" + type + " names no reporter: use http, ganglia, or the "
          + "class name of a " + MonitorService.class.getName() + " on the agent's classpath", e);
    } catch (ReflectiveOperationException e) {
      throw new FlumeException(TYPE_KEY + "=" + type + ": " + className + " cannot be created ("
          + e + "); it needs a public constructor without arguments", e);
    }
  }

  /** Registers the MBeans and starts the reporter, if any, on an agent known by neither name nor types. */
  public void start(Supplier<List<ComponentCounter>> counters) {
    start(MonitoredAgent.unnamed(), counters);
  }

  /** Registers the MBeans and starts the reporter, if any, on this agent. */
  public void start(MonitoredAgent agent, Supplier<List<ComponentCounter>> counters) {
    mbeans.register(counters.get());
    if (reporter != null) {
      try {
        reporter.start(agent, counters);
      } catch (RuntimeException e) {
        mbeans.unregisterAll();
        throw e;
      }
    }
  }

  public void stop() {
    if (reporter != null) {
      reporter.stop();
    }
    mbeans.unregisterAll();
  }

  /**
   * Where the counters are served over HTTP ({@code flume.monitoring.type=http}), once started;
   * empty for the other reporters.
   */
  public Optional<InetSocketAddress> httpAddress() {
    return reporter instanceof HttpMetricsServer http ? Optional.of(http.address())
        : Optional.empty();
  }

  /** The reporter started by {@code flume.monitoring.type}, if any. */
  public MonitorService reporter() {
    return reporter;
  }
}
