package io.flumelab.core.sink;

import static io.flumelab.core.spi.ComponentKind.SINK_PROCESSOR;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Sink;
import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentLookup;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.LooksUpComponents;
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
 * <p>A custom {@link SinkSelector} gets the {@code selector.*} keys, prefix removed. Its class is
 * searched where component types are (plugins.d, the class path) through the agent's
 * {@link ComponentLookup}, so a selector written against a foreign plugin API is adapted too. For the
 * built-in selectors any {@code selector.*} key other than {@code selector.maxTimeOut} is reported,
 * where Flume ignores it (a {@code selector.maxTimeout} with a small o is the usual slip).
 */
public class LoadBalancingSinkProcessor extends AbstractSinkProcessor implements LooksUpComponents {

  /** The keys under this prefix are the selector's own; a custom selector gets them all. */
  static final String SELECTOR_PREFIX = "selector.";

  static final Setting<String> SELECTOR = Setting.string("selector").defaultValue("round_robin")
      .doc("round_robin, random, or the class name of a " + SinkSelector.class.getName());
  static final Setting<Boolean> BACKOFF = Setting.bool("backoff").defaultValue(false)
      .doc("leave a failed sink out for a time that grows with each failure");
  static final Setting<Long> SELECTOR_MAX_TIME_OUT = selectorKey(AbstractSinkSelector.MAX_TIME_OUT);

  public static final ComponentSpec SPEC = ComponentSpec.builder(SINK_PROCESSOR, "load_balance",
          LoadBalancingSinkProcessor.class)
      .flumeClass("org.apache.flume.sink.LoadBalancingSinkProcessor")
      .settings(SELECTOR, BACKOFF, SELECTOR_MAX_TIME_OUT)
      .passThrough(SELECTOR_PREFIX)
      .build();

  private static final String DESCRIPTION = "Load balancing sink processor";
  private static final Logger LOG = LoggerFactory.getLogger(LoadBalancingSinkProcessor.class);

  private SinkSelector selector;
  private ComponentLookup lookup;

  @Override
  public void setComponentLookup(ComponentLookup lookup) {
    this.lookup = lookup;
  }

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

  /**
   * A selector's setting as the processor's keys spell it, {@code selector.<key>}, so that
   * {@code flume-ng check} knows it and its default is written once.
   */
  private static <T> Setting<T> selectorKey(Setting<T> setting) {
    Setting<T> prefixed = Setting.of(SELECTOR_PREFIX + setting.key(), setting.type())
        .defaultValue(setting.defaultValue()).doc(setting.doc());
    for (Check<? super T> check : setting.checks()) {
      prefixed = prefixed.check(check);
    }
    return prefixed;
  }

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, DESCRIPTION);
    String name = settings.get(SELECTOR).trim();
    boolean backoff = settings.get(BACKOFF);
    // checked here, so a bad value names the processor's key; the selector reads its own keys
    settings.get(SELECTOR_MAX_TIME_OUT);
    Map<String, String> selectorKeys = settings.under(SELECTOR_PREFIX);
    SinkSelector chosen = switch (name.toLowerCase(Locale.ROOT)) {
      case "round_robin" -> new RoundRobinSinkSelector(backoff);
      case "random" -> new RandomSinkSelector(backoff);
      default -> lookup != null ? lookup.create(SinkSelector.class, name, SELECTOR.key())
          : custom(name);
    };
    if (chosen instanceof BackingOffSinkSelector) {
      checkBuiltinKeys(selectorKeys);
    }
    chosen.setSinks(getSinks());
    chosen.configure(new Context(selectorKeys));
    selector = chosen;
  }

  private static void checkBuiltinKeys(Map<String, String> selectorKeys) {
    String known = SELECTOR_MAX_TIME_OUT.key();
    for (String key : selectorKeys.keySet()) {
      if (!(SELECTOR_PREFIX + key).equals(known)) {
        boolean slip = (SELECTOR_PREFIX + key).equalsIgnoreCase(known);
        throw new ConfigurationException(SELECTOR_PREFIX + key, DESCRIPTION + ": unknown key '"
            + SELECTOR_PREFIX + key + "' for the built-in selectors",
            slip ? "Did you mean '" + known + "'? (capital O, as in Flume)"
                : "The built-in selectors have one key: " + known);
      }
    }
  }

  /** Without the agent's lookup (a processor made by hand): the thread's context class loader. */
  private static SinkSelector custom(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, true, classLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException(SELECTOR.key(),
          DESCRIPTION + ": unknown selector '" + className + "'",
          "Use round_robin, random, or the class name of a " + SinkSelector.class.getName()
              + " on the classpath");
    }
    if (!SinkSelector.class.isAssignableFrom(type)) {
      throw new ConfigurationException(SELECTOR.key(), DESCRIPTION + ": class '"
          + className + "' is not a sink selector",
          "Make it implement " + SinkSelector.class.getName() + " (or extend "
              + AbstractSinkSelector.class.getName() + ")");
    }
    try {
      return (SinkSelector) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ConfigurationException(SELECTOR.key(),
          DESCRIPTION + ": cannot create selector '" + className + "': " + e,
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
        ? DESCRIPTION + ": every sink (" + sinkNames() + ") is backed off after "
            + "failing; the events stay in the channel"
        : DESCRIPTION + ": all " + tried + " sinks tried (of " + sinkNames()
            + ") failed; the events stay in the channel", last);
  }
}
