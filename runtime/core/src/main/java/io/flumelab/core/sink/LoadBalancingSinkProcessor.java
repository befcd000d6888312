package io.flumelab.core.sink;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Sink;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.SinkSelector;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads batches over the sinks of a group (type {@code load_balance}): each call asks the
 * selector for an order and stops at the first sink that returns without throwing; a sink that
 * throws has rolled back its batch, and the next one takes the same call. When all throw, the call
 * throws and the events wait in the channel.
 *
 * <p>Keys, as in Flume: {@code selector} ({@code round_robin}, {@code random}, or the class name of
 * a {@link SinkSelector}), {@code backoff} (false; true leaves a failed sink out for a growing
 * time) and {@code selector.maxTimeOut} (30000 ms, the longest it is left out). For the built-in
 * selectors any other {@code selector.*} key is reported, where Flume ignores it (a
 * {@code selector.maxTimeout} with a small o is the usual slip).
 */
public class LoadBalancingSinkProcessor extends AbstractSinkProcessor {

  /** The {@code load_balance} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.SINK_PROCESSOR, "load_balance", LoadBalancingSinkProcessor.class)
      .flumeClass("org.apache.flume.sink.LoadBalancingSinkProcessor")
      .settings(Setting.string("selector"),
          Setting.bool("backoff"),
          Setting.longValue("selector.maxTimeOut"))
      .passThrough("selector.")
      .build();


  public static final String CONFIG_SELECTOR = "selector";
  public static final String CONFIG_BACKOFF = "backoff";
  public static final String SELECTOR_PREFIX = CONFIG_SELECTOR + ".";

  private static final Logger LOG = LoggerFactory.getLogger(LoadBalancingSinkProcessor.class);

  private SinkSelector selector;

  @Override
  public void setSinks(List<Sink> sinks) {
    if (sinks.size() < 2) {
      throw new IllegalArgumentException("A load_balance sink processor needs at least 2 sinks, not "
          + sinks.size() + "; list more sinks in the group, or drop the group");
    }
    super.setSinks(sinks);
    selector = new RoundRobinSinkSelector(false); // until configure() chooses
    selector.setSinks(getSinks());
    selector.configure(new Context());
  }

  @Override
  public void configure(Context context) {
    String name = context.getString(CONFIG_SELECTOR, "round_robin").trim();
    boolean backoff = context.getBoolean(CONFIG_BACKOFF, false);
    Map<String, String> selectorKeys = context.getSubProperties(SELECTOR_PREFIX);
    SinkSelector chosen = switch (name.toLowerCase(Locale.ROOT)) {
      case "round_robin" -> new RoundRobinSinkSelector(backoff);
      case "random" -> new RandomSinkSelector(backoff);
      default -> custom(name);
    };
    if (chosen instanceof BackingOffSinkSelector) {
      checkBuiltinKeys(selectorKeys);
    }
    chosen.setSinks(getSinks());
    try {
      chosen.configure(new Context(selectorKeys));
    } catch (NumberFormatException e) {
      throw new ConfigurationException(SELECTOR_PREFIX + AbstractSinkSelector.CONFIG_MAX_TIME_OUT,
          "Load balancing sink processor: selector.maxTimeOut '"
              + selectorKeys.get(AbstractSinkSelector.CONFIG_MAX_TIME_OUT) + "' is not a whole number",
          "Write milliseconds as a plain number, e.g. 30000");
    }
    selector = chosen;
  }

  private static void checkBuiltinKeys(Map<String, String> selectorKeys) {
    for (String key : selectorKeys.keySet()) {
      if (!key.equals(AbstractSinkSelector.CONFIG_MAX_TIME_OUT)) {
        boolean slip = key.equalsIgnoreCase(AbstractSinkSelector.CONFIG_MAX_TIME_OUT);
        throw new ConfigurationException(SELECTOR_PREFIX + key, "Load balancing sink processor: "
            + "unknown key '" + SELECTOR_PREFIX + key + "' for the built-in selectors",
            slip ? "Did you mean 'selector.maxTimeOut'? (capital O, as in Flume)"
                : "The built-in selectors have one key: selector.maxTimeOut");
      }
    }
  }

  private static SinkSelector custom(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, true, classLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException(CONFIG_SELECTOR, "Load balancing sink processor: unknown "
          + "selector '" + className + "'",
          "Use round_robin, random, or the class name of a " + SinkSelector.class.getName()
              + " on the classpath");
    }
    if (!SinkSelector.class.isAssignableFrom(type)) {
      throw new ConfigurationException(CONFIG_SELECTOR, "Load balancing sink processor: class '"
          + className + "' is not a sink selector",
          "Make it implement " + SinkSelector.class.getName() + " (or extend "
              + AbstractSinkSelector.class.getName() + ")");
    }
    try {
      return (SinkSelector) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ConfigurationException(CONFIG_SELECTOR, "Load balancing sink processor: cannot "
          + "create selector '" + className + "': " + e,
          "Give it a public no-argument constructor");
    }
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : LoadBalancingSinkProcessor.class.getClassLoader();
  }

  public SinkSelector getSelector() {
    return selector;
  }

  @Override
  public void start() {
    super.start();
    selector.start();
  }

  @Override
  public void stop() {
    super.stop();
    if (selector != null) {
      selector.stop();
    }
  }

  @Override
  public Sink.Status process() throws EventDeliveryException {
    Exception last = null;
    int tried = 0;
    Iterator<Sink> order = selector.createSinkIterator();
    while (order.hasNext()) {
      Sink sink = order.next();
      tried++;
      try {
        return sink.process();
      } catch (Exception e) {
        last = e;
        selector.informSinkFailed(sink);
        LOG.warn("Sink {} failed; trying the next sink of the group: {}", sink.getName(), e.toString());
      }
    }
    throw new EventDeliveryException(tried == 0
        ? "Load balancing sink processor: every sink (" + sinkNames() + ") is backed off after "
            + "failing; the events stay in the channel"
        : "Load balancing sink processor: all " + tried + " sinks tried (of " + sinkNames()
            + ") failed; the events stay in the channel", last);
  }
}
