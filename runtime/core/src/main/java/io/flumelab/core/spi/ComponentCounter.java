package io.flumelab.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The named counters of one component, under the names Flume's monitoring uses (so dashboards and
 * course material read the same). Subclasses keep their counters in fields for the hot path; this
 * class keeps them by name for reporting, with what each means ({@link CounterSpec}), declared
 * beside the subclass that registers it.
 */
public abstract class ComponentCounter {

  public static final CounterSpec START_TIME = CounterSpec.gauge("StartTime",
      "When the component last started, in seconds since the epoch (0: never).")
      .unit(CounterSpec.Unit.MILLISECONDS);
  public static final CounterSpec STOP_TIME = CounterSpec.gauge("StopTime",
      "When the component last stopped, in seconds since the epoch (0: running or never started).")
      .unit(CounterSpec.Unit.MILLISECONDS);

  private final String type;
  private final String name;
  private final Map<String, AtomicLong> counters = new LinkedHashMap<>();
  private final Map<String, CounterSpec> specs = new LinkedHashMap<>();
  private volatile long startTime;
  private volatile long stopTime;

  protected ComponentCounter(String type, String name) {
    this.type = type;
    this.name = name;
    reports(START_TIME);
    reports(STOP_TIME);
  }

  /** Registers a counter with what it means; call from subclass field initialisers only. */
  protected final AtomicLong counter(CounterSpec spec) {
    reports(spec);
    return counter(spec.name());
  }

  /**
   * Registers a counter that nothing describes, such as a plugin's own: reporters show it under a
   * name made from its key, without a type.
   */
  protected final AtomicLong counter(String key) {
    return counters.computeIfAbsent(key, k -> new AtomicLong());
  }

  /**
   * Says what a value means that is reported without a counter of its own: derived from the
   * counters in {@link #attributes()} ({@code ChannelFillPercentage}) or kept apart (the start and
   * stop times); call from constructors or field initialisers only.
   */
  protected final void reports(CounterSpec spec) {
    CounterSpec earlier = specs.putIfAbsent(spec.name(), spec);
    if (earlier != null && !earlier.equals(spec)) {
      throw new IllegalStateException(type + " counter " + spec.name() + " is described twice: "
          + earlier + " and " + spec);
    }
  }

  /**
   * What the counter or value of this name means, if the class that reports it said so; empty for
   * a plugin's own counters.
   */
  public Optional<CounterSpec> describe(String key) {
    return Optional.ofNullable(specs.get(key));
  }

  /**
   * Whether the component registers these counters in JMX itself (a foreign-API component's own
   * MBean, read back through this view), so the agent must not register them again.
   */
  public boolean registersItself() {
    return false;
  }

  /** SOURCE, CHANNEL or SINK, as in Flume's metric names ({@code SOURCE.r1}). */
  public String getType() {
    return type;
  }

  public String getName() {
    return name;
  }

  public void start() {
    stopTime = 0;
    startTime = System.currentTimeMillis();
  }

  public void stop() {
    stopTime = System.currentTimeMillis();
  }

  public long getStartTime() {
    return startTime;
  }

  public long getStopTime() {
    return stopTime;
  }

  /** The value of the counter with this name, or 0 if there is none. */
  public long get(String key) {
    AtomicLong counter = counters.get(key);
    return counter == null ? 0 : counter.get();
  }

  /** Every counter by name, in registration order, plus the start and stop times. */
  public Map<String, Long> snapshot() {
    Map<String, Long> values = new LinkedHashMap<>();
    counters.forEach((key, value) -> values.put(key, value.get()));
    values.put("StartTime", startTime);
    values.put("StopTime", stopTime);
    return Collections.unmodifiableMap(values);
  }

  /**
   * What monitoring reports, as Flume's counter MBeans show it: every counter and the start and
   * stop times as longs, {@code Type} as a string, and what a subclass derives from them.
   */
  public Map<String, Object> attributes() {
    Map<String, Object> values = new LinkedHashMap<>(snapshot());
    values.put("Type", type);
    return values;
  }

  @Override
  public String toString() {
    return type + "." + name + snapshot();
  }
}
