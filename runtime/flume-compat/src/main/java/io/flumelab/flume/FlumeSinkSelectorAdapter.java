package io.flumelab.flume;

import io.flumelab.api.Context;
import io.flumelab.api.LifecycleState;
import io.flumelab.api.Sink;
import io.flumelab.core.spi.SinkSelector;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A Flume load-balancing sink selector ({@code LoadBalancingSinkProcessor$SinkSelector}, usually
 * an {@code AbstractSinkSelector} subclass) ordering the sinks of one of the agent's load_balance
 * groups. It sees each sink as a {@link SinkView} (a Flume sink as itself), and the order it
 * chooses is mapped back to the agent's sinks.
 */
final class FlumeSinkSelectorAdapter implements SinkSelector {

  private final org.apache.flume.sink.LoadBalancingSinkProcessor.SinkSelector flume;
  private volatile Map<Sink, org.apache.flume.Sink> views = new IdentityHashMap<>();
  private volatile Map<org.apache.flume.Sink, Sink> sinks = new IdentityHashMap<>();

  FlumeSinkSelectorAdapter(org.apache.flume.sink.LoadBalancingSinkProcessor.SinkSelector flume) {
    this.flume = flume;
  }

  /** The Flume selector itself. */
  org.apache.flume.sink.LoadBalancingSinkProcessor.SinkSelector flume() {
    return flume;
  }

  @Override
  public void setSinks(List<Sink> ours) {
    Map<Sink, org.apache.flume.Sink> toViews = new IdentityHashMap<>();
    Map<org.apache.flume.Sink, Sink> back = new IdentityHashMap<>();
    List<org.apache.flume.Sink> flumes = new ArrayList<>(ours.size());
    for (Sink sink : ours) {
      org.apache.flume.Sink view = SinkView.of(sink);
      toViews.put(sink, view);
      back.put(view, sink);
      flumes.add(view);
    }
    views = toViews;
    sinks = back;
    try (Tccl t = Tccl.of(flume)) {
      flume.setSinks(flumes);
    }
  }

  /** The group's {@code selector.*} keys, prefix removed, as Flume's processor passes them. */
  @Override
  public void configure(Context context) {
    FlumeContexts.configure(flume, context);
  }

  @Override
  public Iterator<Sink> createSinkIterator() {
    Iterator<org.apache.flume.Sink> chosen;
    try (Tccl t = Tccl.of(flume)) {
      chosen = flume.createSinkIterator();
    }
    Map<org.apache.flume.Sink, Sink> back = sinks;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        try (Tccl t = Tccl.of(flume)) {
          return chosen.hasNext();
        }
      }

      @Override
      public Sink next() {
        org.apache.flume.Sink next;
        try (Tccl t = Tccl.of(flume)) {
          next = chosen.next();
        }
        Sink sink = back.get(next);
        if (sink == null) {
          throw new IllegalStateException("Sink selector " + flume.getClass().getName()
              + " chose sink " + next + ", which is not one of the group's sinks it was given");
        }
        return sink;
      }
    };
  }

  @Override
  public void informSinkFailed(Sink failedSink) {
    org.apache.flume.Sink view = views.get(failedSink);
    if (view == null) {
      return;
    }
    try (Tccl t = Tccl.of(flume)) {
      flume.informSinkFailed(view);
    }
  }

  @Override
  public void start() {
    try (Tccl t = Tccl.of(flume)) {
      flume.start();
    }
  }

  @Override
  public void stop() {
    try (Tccl t = Tccl.of(flume)) {
      flume.stop();
    }
  }

  @Override
  public LifecycleState getLifecycleState() {
    try (Tccl t = Tccl.of(flume)) {
      return LifecycleStates.toOurs(flume.getLifecycleState());
    }
  }

  @Override
  public String toString() {
    return flume.toString();
  }
}
