package io.flumelab.flume;

import io.flumelab.core.spi.ChannelCounter;
import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.CounterSpec;
import io.flumelab.core.spi.SinkCounter;
import io.flumelab.core.spi.SourceCounter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import javax.management.Attribute;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The counters a Flume plugin keeps itself ({@code SourceCounter}, {@code SinkCounter}, its own
 * {@code MonitoredCounterGroup} subclass), read from the MBean that Flume's code registers under
 * {@code org.apache.flume.<type>:type=<name>}, so the agent's HTTP and Ganglia reports show them
 * under the names Flume's reports use ({@code SOURCE.r1}). Every read asks JMX, so the values are
 * current; the agent must not register the view in JMX again ({@link #registersItself()}).
 */
final class MBeanCounter extends ComponentCounter {

  private static final String DOMAIN_PREFIX = "org.apache.flume.";
  /**
   * Flume's source, channel and sink counters keep the counters of FlumeLab's of the same type,
   * under the same names: those describe them.
   */
  private static final Map<String, ComponentCounter> SAME_NAMES = Map.of(
      "SOURCE", new SourceCounter("flume"), "CHANNEL", new ChannelCounter("flume"),
      "SINK", new SinkCounter("flume"));

  private final MBeanServer server;
  private final ObjectName name;

  MBeanCounter(MBeanServer server, ObjectName name) {
    super(typeOf(name), name.getKeyProperty("type"));
    this.server = server;
    this.name = name;
  }

  /**
   * A view of every Flume counter MBean on {@code server} whose class one of the agent's loaders
   * defined ({@code ofThisAgent}), in name order: our own counters' MBeans and those of an earlier
   * agent in the same JVM are left out.
   */
  static List<ComponentCounter> all(MBeanServer server, Predicate<ClassLoader> ofThisAgent) {
    ObjectName pattern;
    try {
      pattern = new ObjectName(DOMAIN_PREFIX + "*:*");
    } catch (MalformedObjectNameException e) {
      throw new IllegalStateException(e);
    }
    List<ObjectName> names = new ArrayList<>(server.queryNames(pattern, null));
    Collections.sort(names);
    List<ComponentCounter> counters = new ArrayList<>();
    for (ObjectName name : names) {
      if (name.getKeyProperty("type") == null) {
        continue;
      }
      try {
        if (ofThisAgent.test(server.getClassLoaderFor(name))) {
          counters.add(new MBeanCounter(server, name));
        }
      } catch (InstanceNotFoundException gone) {
        // unregistered since the query
      }
    }
    return counters;
  }

  /** SOURCE, SINK, CHANNEL, CHANNEL_PROCESSOR...: Flume's counter type, from the domain. */
  private static String typeOf(ObjectName name) {
    return name.getDomain().substring(DOMAIN_PREFIX.length()).toUpperCase(Locale.ROOT);
  }

  /**
   * A counter of Flume's own groups as FlumeLab's counter of that name and type describes it; a
   * plugin's own names ({@code EventCount}) are described by nothing.
   */
  @Override
  public Optional<CounterSpec> describe(String key) {
    ComponentCounter same = SAME_NAMES.get(getType());
    return super.describe(key).or(() -> same == null ? Optional.empty() : same.describe(key));
  }

  ObjectName objectName() {
    return name;
  }

  @Override
  public boolean registersItself() {
    return true;
  }

  /** The Flume component starts and stops its counters itself. */
  @Override
  public void start() {}

  @Override
  public void stop() {}

  @Override
  public long getStartTime() {
    return get("StartTime");
  }

  @Override
  public long getStopTime() {
    return get("StopTime");
  }

  @Override
  public long get(String key) {
    try {
      return server.getAttribute(name, key) instanceof Number n ? n.longValue() : 0;
    } catch (JMException | RuntimeException e) {
      return 0;
    }
  }

  /** The integral attributes (every counter, the start and stop times), by name. */
  @Override
  public Map<String, Long> snapshot() {
    Map<String, Long> values = new LinkedHashMap<>();
    attributes().forEach((key, value) -> {
      if (value instanceof Long || value instanceof Integer) {
        values.put(key, ((Number) value).longValue());
      }
    });
    return Collections.unmodifiableMap(values);
  }

  /**
   * Every readable attribute, by name, as Flume's JSON reporting reads them: the counters, the
   * {@code Type} string, and whatever a plugin's own MBean interface adds (rates as doubles). An
   * MBean unregistered meanwhile has none.
   */
  @Override
  public Map<String, Object> attributes() {
    Map<String, Object> values = new TreeMap<>();
    try {
      List<String> readable = new ArrayList<>();
      for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
        if (attribute.isReadable()) {
          readable.add(attribute.getName());
        }
      }
      for (Attribute attribute : server.getAttributes(name, readable.toArray(new String[0])).asList()) {
        if (attribute.getValue() != null) {
          values.put(attribute.getName(), attribute.getValue());
        }
      }
    } catch (JMException | RuntimeException e) {
      return Map.of();
    }
    return Collections.unmodifiableMap(values);
  }
}
