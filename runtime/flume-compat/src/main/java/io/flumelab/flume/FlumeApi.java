package io.flumelab.flume;

import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ForeignApi;
import io.flumelab.core.spi.SinkSelector;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.flume.ChannelSelector;
import org.apache.flume.EventDrivenSource;
import org.apache.flume.PollableSource;
import org.apache.flume.Sink;
import org.apache.flume.Source;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.interceptor.Interceptor;
import org.apache.flume.sink.AbstractSinkSelector;
import org.apache.flume.sink.LoadBalancingSinkProcessor;

/**
 * Apache Flume's plugin API ({@code org.apache.flume.*}, release 1.11.0, which also runs plugins
 * compiled against 1.7.0 to 1.9.0 through {@link FlumeLegacyCalls}) as seen by the agent: what a
 * Flume class is, and an instance of it adapted to FlumeLab's interfaces. Found by the agent with
 * {@link java.util.ServiceLoader} in the class loader it builds over the Flume compatibility
 * directory, beside Flume's jars.
 *
 * <p>Sources (pollable and event-driven), sinks, interceptor builders and channel selectors can be
 * named as a component's {@code type}; a load-balancing selector by its class in
 * {@code processor.selector}. Flume channels and sink processors cannot (yet).
 */
public final class FlumeApi implements ForeignApi {

  private static final byte[] FLUME_PACKAGE = "org/apache/flume/".getBytes(StandardCharsets.UTF_8);

  @Override
  public String displayName() {
    // flume-ng-core's manifest names its release
    Package core = org.apache.flume.source.AbstractSource.class.getPackage();
    String version = core == null ? null : core.getImplementationVersion();
    return version == null ? "Apache Flume" : "Apache Flume " + version;
  }

  @Override
  public boolean referencedBy(byte[] classFile) {
    return Bytes.contains(classFile, FLUME_PACKAGE);
  }

  @Override
  public Optional<String> role(ComponentKind kind, Class<?> type) {
    return Optional.ofNullable(switch (kind) {
      case SOURCE -> !Source.class.isAssignableFrom(type) ? null
          : PollableSource.class.isAssignableFrom(type) ? "an Apache Flume pollable source"
          : EventDrivenSource.class.isAssignableFrom(type) ? "an Apache Flume event-driven source"
          : "an Apache Flume source";
      case SINK -> Sink.class.isAssignableFrom(type) ? "an Apache Flume sink" : null;
      case INTERCEPTOR -> Interceptor.Builder.class.isAssignableFrom(type)
          ? "an Apache Flume interceptor builder" : null;
      case SELECTOR -> ChannelSelector.class.isAssignableFrom(type)
          ? "an Apache Flume channel selector" : null;
      case CHANNEL, SINK_PROCESSOR -> null;
    });
  }

  @Override
  public String unusable(ComponentKind kind, Class<?> type) {
    if (kind == ComponentKind.SOURCE && Source.class.isAssignableFrom(type)
        && !PollableSource.class.isAssignableFrom(type)
        && !EventDrivenSource.class.isAssignableFrom(type)) {
      return "class '" + type.getName() + "' is an Apache Flume source but neither "
          + PollableSource.class.getName() + " nor " + EventDrivenSource.class.getName()
          + ", so nothing would run it";
    }
    return null;
  }

  /**
   * Flume's classes among the superclasses, nearest first, then Flume's interfaces, those named
   * nearer the class first (breadth first).
   */
  @Override
  public List<String> implemented(Class<?> type) {
    Set<String> found = new LinkedHashSet<>();
    Deque<Class<?>> interfaces = new ArrayDeque<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c != type && isFlumes(c)) {
        found.add(c.getName());
      }
      interfaces.addAll(List.of(c.getInterfaces()));
    }
    while (!interfaces.isEmpty()) {
      Class<?> next = interfaces.removeFirst();
      if (isFlumes(next)) {
        found.add(next.getName());
      }
      interfaces.addAll(List.of(next.getInterfaces()));
    }
    return new ArrayList<>(found);
  }

  private static boolean isFlumes(Class<?> type) {
    return type.getName().startsWith("org.apache.flume.");
  }

  @Override
  public Object create(ComponentKind kind, Class<?> type) throws ReflectiveOperationException {
    if (role(kind, type).isEmpty()) {
      throw new IllegalArgumentException("class '" + type.getName() + "' is not "
          + kind.withArticle() + " of Apache Flume's API");
    }
    String unusable = unusable(kind, type);
    if (unusable != null) {
      throw new IllegalArgumentException(unusable);
    }
    Object flume = newInstance(type);
    return switch (kind) {
      case SOURCE -> source((Source) flume);
      case SINK -> flume instanceof BatchSizeSupported
          ? new FlumeSinkAdapter.Batched((Sink) flume) : new FlumeSinkAdapter((Sink) flume);
      case INTERCEPTOR -> new FlumeInterceptorBuilderAdapter((Interceptor.Builder) flume);
      case SELECTOR -> new FlumeChannelSelectorAdapter((ChannelSelector) flume);
      case CHANNEL, SINK_PROCESSOR -> throw new IllegalStateException(kind.label());
    };
  }

  private static Object source(Source flume) {
    boolean batched = flume instanceof BatchSizeSupported;
    if (flume instanceof PollableSource pollable) {
      return batched ? new FlumePollableSource.Batched(pollable) : new FlumePollableSource(pollable);
    }
    EventDrivenSource eventDriven = (EventDrivenSource) flume;
    return batched ? new FlumeEventDrivenSource.Batched(eventDriven)
        : new FlumeEventDrivenSource(eventDriven);
  }

  /**
   * A load-balancing group's selector named by class: a Flume
   * {@code LoadBalancingSinkProcessor$SinkSelector} (usually an {@link AbstractSinkSelector}) as
   * FlumeLab's {@link SinkSelector}; null for anything else.
   */
  @Override
  public <T> T adapt(Class<T> api, Class<?> type) throws ReflectiveOperationException {
    if (api == SinkSelector.class
        && LoadBalancingSinkProcessor.SinkSelector.class.isAssignableFrom(type)) {
      return api.cast(new FlumeSinkSelectorAdapter(
          (LoadBalancingSinkProcessor.SinkSelector) newInstance(type)));
    }
    return null;
  }

  @Override
  public List<ComponentCounter> counters(Predicate<ClassLoader> ofThisAgent) {
    return MBeanCounter.all(ManagementFactory.getPlatformMBeanServer(), ofThisAgent);
  }

  @Override
  public byte[] rewrite(String className, byte[] classFile) {
    return FlumeLegacyCalls.rewrite(classFile);
  }

  /** The plugin's constructor is plugin code: it runs with the plugin's context class loader. */
  private static Object newInstance(Class<?> type) throws ReflectiveOperationException {
    try (Tccl t = Tccl.with(type.getClassLoader())) {
      return type.getDeclaredConstructor().newInstance();
    }
  }

  @Override
  public String toString() {
    return displayName();
  }
}
