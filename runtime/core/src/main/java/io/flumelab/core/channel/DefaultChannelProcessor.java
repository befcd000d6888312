package io.flumelab.core.channel;

import io.flumelab.api.Channel;
import io.flumelab.api.ChannelException;
import io.flumelab.api.ChannelProcessor;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.api.Transaction;
import io.flumelab.core.spi.ChannelSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel processor sources write through: interceptors, then the selector, then one
 * transaction per channel.
 *
 * <p>Required channels are written first, each in its own transaction; the first failure is
 * thrown after that channel's transaction is rolled back (channels already committed stay
 * committed, as in Flume). A {@link io.flumelab.api.ChannelFullException} is thrown as itself so
 * the source can tell "full, back off" from other failures; other exceptions are wrapped in a
 * {@link ChannelException}; an {@link Error} propagates unwrapped. Optional channels come next;
 * their failures are logged at WARN (at most every {@value #WARN_INTERVAL_SECONDS} s) and counted.
 *
 * <p>Hot path: a single event allocates nothing here, and a batch whose events all map to the
 * same channel lists (always so with the replicating selector) is put as is, without grouping.
 */
public class DefaultChannelProcessor implements ChannelProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultChannelProcessor.class);
  static final long WARN_INTERVAL_SECONDS = 10;

  private final ChannelSelector selector;
  private final List<Interceptor> interceptors;
  private final Interceptor[] chain;
  private final LongAdder optionalFailures = new LongAdder();
  private final AtomicLong nextWarnNanos = new AtomicLong(System.nanoTime());

  public DefaultChannelProcessor(ChannelSelector selector, List<Interceptor> interceptors) {
    if (selector == null) {
      throw new IllegalArgumentException("A channel processor needs a channel selector");
    }
    this.selector = selector;
    this.interceptors = interceptors == null ? List.of() : List.copyOf(interceptors);
    this.chain = this.interceptors.toArray(new Interceptor[0]);
  }

  /** Initialises the interceptors, in order; call before the source produces events. */
  @Override
  public void initialize() {
    for (Interceptor interceptor : chain) {
      interceptor.initialize();
    }
  }

  /** Closes every interceptor, even if one fails to close. */
  @Override
  public void close() {
    for (Interceptor interceptor : chain) {
      try {
        interceptor.close();
      } catch (RuntimeException e) {
        LOG.warn("Interceptor {} failed to close", interceptor, e);
      }
    }
  }

  @Override
  public List<Channel> getAllChannels() {
    return selector.getAllChannels();
  }

  public ChannelSelector getSelector() {
    return selector;
  }

  public List<Interceptor> getInterceptors() {
    return interceptors;
  }

  /** Puts to optional channels that failed (one per channel and call), since creation. */
  public long getOptionalChannelFailureCount() {
    return optionalFailures.sum();
  }

  @Override
  public void processEvent(Event event) {
    if (event == null) {
      throw new IllegalArgumentException("processEvent() called with a null event");
    }
    for (Interceptor interceptor : chain) {
      event = interceptor.intercept(event);
      if (event == null) {
        return; // dropped
      }
    }
    List<Channel> required = selector.getRequiredChannels(event);
    for (int i = 0, n = required.size(); i < n; i++) {
      putRequired(required.get(i), null, event);
    }
    List<Channel> optional = selector.getOptionalChannels(event);
    for (int i = 0, n = optional.size(); i < n; i++) {
      putOptional(optional.get(i), null, event);
    }
  }

  @Override
  public void processEventBatch(List<Event> events) {
    if (events == null) {
      throw new IllegalArgumentException("processEventBatch() called with a null list");
    }
    for (Interceptor interceptor : chain) {
      events = interceptor.intercept(events);
      if (events == null) {
        return;
      }
    }
    events = withoutNulls(events);
    if (events.isEmpty()) {
      return;
    }

    Event first = events.get(0);
    List<Channel> required = selector.getRequiredChannels(first);
    List<Channel> optional = selector.getOptionalChannels(first);
    if (sameChannelsForAll(events, required, optional)) {
      for (int i = 0, n = required.size(); i < n; i++) {
        putRequired(required.get(i), events, null);
      }
      for (int i = 0, n = optional.size(); i < n; i++) {
        putOptional(optional.get(i), events, null);
      }
      return;
    }

    Map<Channel, List<Event>> requiredGroups = new LinkedHashMap<>();
    Map<Channel, List<Event>> optionalGroups = new LinkedHashMap<>();
    for (Event event : events) {
      for (Channel channel : selector.getRequiredChannels(event)) {
        requiredGroups.computeIfAbsent(channel, c -> new ArrayList<>()).add(event);
      }
      for (Channel channel : selector.getOptionalChannels(event)) {
        optionalGroups.computeIfAbsent(channel, c -> new ArrayList<>()).add(event);
      }
    }
    requiredGroups.forEach((channel, group) -> putRequired(channel, group, null));
    optionalGroups.forEach((channel, group) -> putOptional(channel, group, null));
  }

  /**
   * Whether every event maps to the very same list instances as the first: selectors that
   * precompute their lists return them, so the common case needs no grouping.
   */
  private boolean sameChannelsForAll(List<Event> events, List<Channel> required,
      List<Channel> optional) {
    for (int i = 1, n = events.size(); i < n; i++) {
      Event event = events.get(i);
      if (selector.getRequiredChannels(event) != required
          || selector.getOptionalChannels(event) != optional) {
        return false;
      }
    }
    return true;
  }

  /** The events, minus nulls, as a random-access list; the list itself when it already is one. */
  private static List<Event> withoutNulls(List<Event> events) {
    if (events instanceof RandomAccess) {
      boolean hasNull = false;
      for (int i = 0, n = events.size(); i < n && !hasNull; i++) {
        hasNull = events.get(i) == null;
      }
      if (!hasNull) {
        return events;
      }
    }
    List<Event> kept = new ArrayList<>(events.size());
    for (Event event : events) {
      if (event != null) {
        kept.add(event);
      }
    }
    return kept;
  }

  private void putRequired(Channel channel, List<Event> batch, Event single) {
    Throwable failure = put(channel, batch, single);
    if (failure == null) {
      return;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure instanceof ChannelException channelException) {
      throw channelException; // ChannelFullException stays itself
    }
    throw new ChannelException("Unable to put " + (single != null ? "an event" : "a batch")
        + " on required channel " + channel.getName() + ": " + failure, failure);
  }

  private void putOptional(Channel channel, List<Event> batch, Event single) {
    Throwable failure = put(channel, batch, single);
    if (failure == null) {
      return;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    optionalFailures.increment();
    long now = System.nanoTime();
    long next = nextWarnNanos.get();
    if (now - next >= 0
        && nextWarnNanos.compareAndSet(next, now + TimeUnit.SECONDS.toNanos(WARN_INTERVAL_SECONDS))) {
      LOG.warn("Could not put on optional channel {} (the write still succeeds; {} optional-channel "
          + "failures so far): {}", channel.getName(), optionalFailures.sum(), failure.toString());
    }
  }

  /**
   * Puts the batch (or the single event) in one transaction, rolled back on any failure and
   * always closed. Returns the failure, with any rollback or close failure suppressed into it.
   */
  private static Throwable put(Channel channel, List<Event> batch, Event single) {
    Transaction tx = channel.getTransaction();
    Throwable failure = null;
    try {
      tx.begin();
      if (single != null) {
        channel.put(single);
      } else {
        for (int i = 0, n = batch.size(); i < n; i++) {
          channel.put(batch.get(i));
        }
      }
      tx.commit();
    } catch (Throwable t) {
      failure = t;
      try {
        tx.rollback();
      } catch (Throwable rollbackFailure) {
        t.addSuppressed(rollbackFailure);
      }
    } finally {
      try {
        tx.close();
      } catch (Throwable closeFailure) {
        if (failure == null) {
          failure = closeFailure;
        } else {
          failure.addSuppressed(closeFailure);
        }
      }
    }
    return failure;
  }
}
