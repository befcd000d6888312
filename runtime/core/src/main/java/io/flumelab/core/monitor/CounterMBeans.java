package io.flumelab.core.monitor;

import io.flumelab.core.plugin.Plugins;
import io.flumelab.core.spi.ComponentCounter;
import java.lang.management.ManagementFactory;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's counters as JMX MBeans under Flume's names ({@code org.apache.flume.channel:type=c1}),
 * so JConsole, jmxterm and the course's JMX material find them where they look in Flume. An MBean
 * of the same name from an earlier agent in this JVM is replaced, as Flume does; one that a plugin
 * registered itself (a foreign-API component's own counters) is kept, and counters that such a
 * component registers itself are not registered again.
 */
public final class CounterMBeans {

  private static final Logger LOG = LoggerFactory.getLogger(CounterMBeans.class);

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final List<ObjectName> registered = new ArrayList<>();

  /** Flume's name for a component's counters. */
  public static ObjectName nameOf(ComponentCounter counter) {
    try {
      String name = counter.getName();
      return new ObjectName("org.apache.flume." + counter.getType().toLowerCase(Locale.ROOT)
          + ":type=" + (name.matches("[\\w.-]+") ? name : ObjectName.quote(name)));
    } catch (JMException e) {
      throw new IllegalArgumentException("No JMX name for " + counter.getName(), e);
    }
  }

  public synchronized void register(List<ComponentCounter> counters) {
    for (ComponentCounter counter : counters) {
      if (counter.registersItself()) {
        continue;
      }
      ObjectName name = nameOf(counter);
      try {
        if (server.isRegistered(name)) {
          ClassLoader owner = server.getClassLoaderFor(name);
          if (Plugins.isPluginLoader(owner)) {
            LOG.warn("{} is already kept by {}; FlumeLab's counters for it are not in JMX", name,
                ((URLClassLoader) owner).getName());
            continue;
          }
          server.unregisterMBean(name);
        }
        server.registerMBean(new CounterMBean(counter), name);
        registered.add(name);
      } catch (JMException e) {
        LOG.warn("Counters of {} are not in JMX: {}", name, e.toString());
      }
    }
  }

  public synchronized void unregisterAll() {
    for (ObjectName name : registered) {
      try {
        server.unregisterMBean(name);
      } catch (JMException e) {
        LOG.debug("{} was already gone from JMX", name);
      }
    }
    registered.clear();
  }

  /** A read-only MBean whose attributes are the counter's {@link ComponentCounter#attributes()}. */
  private static final class CounterMBean implements DynamicMBean {

    private final ComponentCounter counter;
    private final MBeanInfo info;

    CounterMBean(ComponentCounter counter) {
      this.counter = counter;
      List<MBeanAttributeInfo> attributes = new ArrayList<>();
      counter.attributes().forEach((key, value) -> attributes.add(new MBeanAttributeInfo(key,
          value.getClass().getName(), key, true, false, false)));
      this.info = new MBeanInfo(CounterMBean.class.getName(), counter.getType() + " counters of "
          + counter.getName(), attributes.toArray(MBeanAttributeInfo[]::new), null, null, null);
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
      Object value = counter.attributes().get(attribute);
      if (value == null) {
        throw new AttributeNotFoundException(attribute);
      }
      return value;
    }

    @Override
    public AttributeList getAttributes(String[] names) {
      Map<String, Object> values = counter.attributes();
      AttributeList list = new AttributeList();
      for (String name : names) {
        if (values.containsKey(name)) {
          list.add(new Attribute(name, values.get(name)));
        }
      }
      return list;
    }

    @Override
    public void setAttribute(Attribute attribute) {
      throw new UnsupportedOperationException("counters are read-only");
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
      return new AttributeList();
    }

    @Override
    public Object invoke(String action, Object[] params, String[] signature) {
      throw new UnsupportedOperationException("counters have no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
      return info;
    }
  }
}
