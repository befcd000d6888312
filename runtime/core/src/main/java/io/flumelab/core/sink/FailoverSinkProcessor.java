package io.flumelab.core.sink;

import static io.flumelab.core.spi.ComponentKind.SINK_PROCESSOR;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Sink;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.ConfigurationFlaws;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import io.flumelab.core.spi.ValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * <p>Sinks without a {@code priority.<sink>} rank below those with one (at -1, -2, ... in the
 * order the group lists them), as in Flume.
 * Where Flume drops a sink whose priority equals another's, ignores a priority that is not a number
 * or names no sink of the group, FlumeLab keeps the sink (ties go by list order; a
 * {@link ConfigurationFlaws flaw}, so {@code check} reports it) and reports the bad key.
 */
public class FailoverSinkProcessor extends AbstractSinkProcessor implements ConfigurationFlaws {

  static final Setting<Long> MAX_PENALTY = Setting.millis("maxpenalty").defaultValue(30_000L)
      .doc("the longest a failed sink is set aside");
  /** {@code priority.<sink>}: a whole number, the higher one wins. */
  static final String PRIORITY_PREFIX = "priority.";

  public static final ComponentSpec SPEC = ComponentSpec.builder(SINK_PROCESSOR, "failover",
          FailoverSinkProcessor.class)
      .flumeClass("org.apache.flume.sink.FailoverSinkProcessor")
      .settings(MAX_PENALTY)
      .passThrough(PRIORITY_PREFIX)
      .build();

  /** The first penalty is twice this; each further failure doubles it. */
  static final long PENALTY_UNIT_MILLIS = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(FailoverSinkProcessor.class);
  private static final String DESCRIPTION = "Failover sink processor";

  private List<Member> members = List.of();
  private List<Flaw> flaws = List.of();
  private long maxPenaltyNanos = TimeUnit.MILLISECONDS.toNanos(MAX_PENALTY.defaultValue());
  private LongSupplier nanoClock = System::nanoTime;

  @Override
  public void configure(Context context) {
    Settings settings = Settings.of(context, DESCRIPTION);
    maxPenaltyNanos = TimeUnit.MILLISECONDS.toNanos(settings.get(MAX_PENALTY));
    Map<String, Integer> priorities = priorities(settings.under(PRIORITY_PREFIX));
    members = rank(getSinks(), priorities);
    flaws = ties(priorities);
  }

  @Override
  public List<Flaw> configurationFlaws() {
    return flaws;
  }

  @Override
  public void setSinks(List<Sink> sinks) {
    super.setSinks(sinks);
    members = rank(getSinks(), Map.of()); // until configure() reads the priorities
  }

  /** The {@code priority.<sink>} keys, prefix removed, as numbers by sink name. */
  private Map<String, Integer> priorities(Map<String, String> given) {
    List<String> names = getSinks().stream().map(Sink::getName).toList();
    Map<String, Integer> priorities = new HashMap<>();
    for (Map.Entry<String, String> e : given.entrySet()) {
      String key = PRIORITY_PREFIX + e.getKey();
      if (!names.contains(e.getKey())) {
        throw new ConfigurationException(key, DESCRIPTION + ": " + key
            + " names no sink of the group (its sinks: " + sinkNames() + "); Apache Flume ignores "
            + "it, so the sink it was meant for ranks below every sink with a priority",
            "Write " + PRIORITY_PREFIX + "<sink> for each of " + sinkNames() + ", or add '"
                + e.getKey() + "' to the group's sinks if it belongs there.");
      }
      try {
        priorities.put(e.getKey(), ValueType.INTEGER.parser().parse(e.getValue().trim()));
      } catch (Setting.Problem problem) {
        throw new ConfigurationException(key, DESCRIPTION + ": " + key + " "
            + problem.getMessage(), problem.fix() + " The higher priority wins, e.g. 10.");
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
    return List.copyOf(ranked);
  }

  /**
   * Two sinks of one priority: Apache Flume keeps one of them in the group (which one depends on
   * the order of a hash map) and never uses the other, not even when the first fails. Here the one
   * listed first goes first; the tie is reported at the later one's priority key (or at the other's,
   * when the later one has none and ranks by its place in the list).
   */
  private List<Flaw> ties(Map<String, Integer> priorities) {
    List<Flaw> ties = new ArrayList<>();
    for (int i = 1; i < members.size(); i++) {
      Member first = members.get(i - 1);
      Member second = members.get(i);
      if (first.priority() != second.priority()) {
        continue;
      }
      Member keyed = priorities.containsKey(second.name()) ? second : first;
      ties.add(new Flaw(PRIORITY_PREFIX + keyed.name(), "sinks " + described(first, priorities)
          + " and " + described(second, priorities) + " have the same priority, "
          + first.priority() + ": Apache Flume keeps only one of them in the group, either one, "
          + "and never uses the other, not even when the first fails; FlumeLab tries "
          + first.name() + " first because the group lists it first",
          "Give " + keyed.name() + " a priority of its own in " + PRIORITY_PREFIX + keyed.name()
              + ": the sink of highest priority takes every event, the next takes over when it "
              + "fails."));
    }
    return List.copyOf(ties);
  }

  private static String described(Member member, Map<String, Integer> priorities) {
    return priorities.containsKey(member.name()) ? member.name()
        : member.name() + " (no " + PRIORITY_PREFIX + member.name() + ", so it ranks at "
            + member.priority() + " by its place in the group)";
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
    throw new EventDeliveryException(DESCRIPTION + ": all sinks (" + sinkNames()
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

    String name() {
      return sink.getName();
    }

    void fail(long now) {
      failures = Math.min(failures + 1, 30);
      long penalty = Math.min(maxPenaltyNanos,
          TimeUnit.MILLISECONDS.toNanos(PENALTY_UNIT_MILLIS << failures));
      retryAtNanos = now + penalty;
    }
  }
}
