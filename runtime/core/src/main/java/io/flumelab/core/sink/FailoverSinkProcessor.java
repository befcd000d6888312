package io.flumelab.core.sink;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Sink;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends everything through the live sink of highest priority (type {@code failover}). A sink that
 * throws is set aside for a penalty of 2 s, doubling with each further failure up to
 * {@code maxpenalty} (30000 ms), and the next sink by priority takes the same call, so a dead
 * sink costs no delay. Once its penalty is over, a failed sink is tried first again and takes
 * back over as soon as it delivers a batch. Every sink rolls back what it took when it fails, so
 * nothing is lost; when every sink has failed the call throws and the events wait in the channel.
 *
 * <p>Keys: {@code priority.<sink>} (higher wins) and {@code maxpenalty}. Sinks without a priority
 * rank below those with one (at -1, -2, ... in the order the group lists them), as in Flume.
 * Where Flume drops a sink whose priority equals another's, ignores a priority that is not a number
 * or names no sink of the group, FlumeLab keeps the sink (ties go by list order, with a warning)
 * and reports the bad key.
 */
public class FailoverSinkProcessor extends AbstractSinkProcessor {

  /** The {@code failover} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.SINK_PROCESSOR, "failover", FailoverSinkProcessor.class)
      .flumeClass("org.apache.flume.sink.FailoverSinkProcessor")
      .settings(Setting.longValue("maxpenalty"))
      .passThrough("priority.")
      .build();


  public static final String CONFIG_PRIORITY_PREFIX = "priority.";
  public static final String CONFIG_MAX_PENALTY = "maxpenalty";
  public static final long DEFAULT_MAX_PENALTY_MILLIS = 30_000;
  /** The first penalty is twice this; each further failure doubles it. */
  static final long PENALTY_UNIT_MILLIS = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(FailoverSinkProcessor.class);

  private List<Member> members = List.of();
  private long maxPenaltyNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_MAX_PENALTY_MILLIS);
  private LongSupplier nanoClock = System::nanoTime;

  @Override
  public void configure(Context context) {
    long maxPenalty = context.getLong(CONFIG_MAX_PENALTY, DEFAULT_MAX_PENALTY_MILLIS);
    if (maxPenalty < 0) {
      throw new ConfigurationException(CONFIG_MAX_PENALTY, "Failover sink processor: "
          + CONFIG_MAX_PENALTY + " must be 0 or more milliseconds, not " + maxPenalty,
          "Set it to e.g. 30000");
    }
    maxPenaltyNanos = TimeUnit.MILLISECONDS.toNanos(maxPenalty);
    members = rank(getSinks(), priorities(context));
  }

  @Override
  public void setSinks(List<Sink> sinks) {
    super.setSinks(sinks);
    members = rank(getSinks(), Map.of()); // until configure() reads the priorities
  }

  private Map<String, Integer> priorities(Context context) {
    List<String> names = getSinks().stream().map(Sink::getName).toList();
    Map<String, String> given = context.getSubProperties(CONFIG_PRIORITY_PREFIX);
    Map<String, Integer> priorities = new java.util.HashMap<>();
    for (Map.Entry<String, String> e : given.entrySet()) {
      String key = CONFIG_PRIORITY_PREFIX + e.getKey();
      if (!names.contains(e.getKey())) {
        throw new ConfigurationException(key, "Failover sink processor: " + key
            + " names no sink of the group (its sinks: " + sinkNames() + ")",
            "Write priority.<sink> for each of " + sinkNames());
      }
      try {
        priorities.put(e.getKey(), Integer.parseInt(e.getValue().trim()));
      } catch (NumberFormatException notNumber) {
        throw new ConfigurationException(key, "Failover sink processor: '" + e.getValue()
            + "' is not a whole number", "Write a plain number; the higher one wins, e.g. 10");
      }
    }
    return priorities;
  }

  /** Highest priority first; equal priorities in the order the group lists the sinks. */
  private List<Member> rank(List<Sink> sinks, Map<String, Integer> priorities) {
    List<Member> ranked = new ArrayList<>();
    int unset = 0;
    for (int i = 0; i < sinks.size(); i++) {
      Sink sink = sinks.get(i);
      Integer priority = priorities.get(sink.getName());
      ranked.add(new Member(sink, priority != null ? priority : --unset, i));
    }
    ranked.sort(Comparator.comparingInt(Member::priority).reversed().thenComparingInt(Member::order));
    for (int i = 1; i < ranked.size(); i++) {
      if (ranked.get(i).priority() == ranked.get(i - 1).priority()) {
        LOG.warn("Failover sink processor: sinks {} and {} have the same priority {}; {} goes first "
            + "because it is listed first. Give each sink its own priority.",
            ranked.get(i - 1).sink.getName(), ranked.get(i).sink.getName(),
            ranked.get(i).priority(), ranked.get(i - 1).sink.getName());
      }
    }
    return List.copyOf(ranked);
  }

  /** For tests: the clock penalties are measured with. */
  void setNanoClock(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** The sinks by rank, highest first. */
  public List<Sink> getSinksByPriority() {
    return members.stream().map(m -> m.sink).toList();
  }

  /** Whether the sink is set aside after failing; false for a sink not in the group. */
  public boolean isFailed(Sink sink) {
    return members.stream().anyMatch(m -> m.sink == sink && m.failures > 0);
  }

  @Override
  public Sink.Status process() throws EventDeliveryException {
    long now = nanoClock.getAsLong();
    Sink.Status probed = null;
    Exception last = null;
    for (Member member : members) {
      if (member.failures > 0 && now - member.retryAtNanos < 0) {
        continue; // serving its penalty
      }
      try {
        Sink.Status status = member.sink.process();
        if (member.failures == 0) {
          return status;
        }
        if (status == Sink.Status.READY) {
          LOG.info("Sink {} delivers again and takes over", member.sink.getName());
          member.failures = 0;
          return status;
        }
        // nothing to deliver proves nothing: it stays failed, and the next sink gets its turn
        probed = status;
      } catch (Exception e) {
        member.fail(now);
        last = e;
        LOG.warn("Sink {} failed; set aside for {} ms, the next sink takes over: {}",
            member.sink.getName(), TimeUnit.NANOSECONDS.toMillis(member.retryAtNanos - now), e.toString());
      }
    }
    if (probed != null) {
      return probed;
    }
    throw new EventDeliveryException("Failover sink processor: all sinks (" + sinkNames()
        + ") have failed; the events stay in the channel. " + nextRetry(now), last);
  }

  private String nextRetry(long now) {
    long soonest = members.stream().mapToLong(m -> m.retryAtNanos - now).min().orElse(0);
    return "Next try in " + Math.max(0, TimeUnit.NANOSECONDS.toMillis(soonest)) + " ms";
  }

  /** A sink with its rank and its failure state. */
  private final class Member {
    private final Sink sink;
    private final int priority;
    private final int order;
    private int failures;
    private long retryAtNanos;

    Member(Sink sink, int priority, int order) {
      this.sink = sink;
      this.priority = priority;
      this.order = order;
    }

    int priority() {
      return priority;
    }

    int order() {
      return order;
    }

    void fail(long now) {
      failures = Math.min(failures + 1, 30);
      long penalty = Math.min(maxPenaltyNanos,
          TimeUnit.MILLISECONDS.toNanos(PENALTY_UNIT_MILLIS << failures));
      retryAtNanos = now + penalty;
    }
  }
}
