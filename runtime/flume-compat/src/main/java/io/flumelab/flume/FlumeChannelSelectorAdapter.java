package io.flumelab.flume;

import io.flumelab.api.Channel;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.core.spi.ChannelSelector;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A Flume channel selector choosing among the agent's channels. It is given {@link ChannelView}s
 * (Flume's {@code MultiplexingChannelSelector} resolves {@code mapping.*}, {@code default} and
 * {@code optional.*} by their names), and the lists it returns are mapped back to the agent's
 * channels. Selectors return precomputed lists; each is mapped once and the same list of ours is
 * returned for it again, so the agent's channel processor still sees "the same channels for every
 * event of the batch" and puts the batch without grouping.
 */
final class FlumeChannelSelectorAdapter implements ChannelSelector {

  /** Distinct lists a selector returns that are mapped once; past this, each call maps anew. */
  static final int MAPPED_LISTS = 64;

  private final org.apache.flume.ChannelSelector flume;
  private volatile SelectedChannels all = new SelectedChannels(List.of(), null);
  /** Copy-on-write, so the per-event lookup takes no lock. */
  private volatile Map<List<org.apache.flume.Channel>, Mapped> mapped = new IdentityHashMap<>();

  FlumeChannelSelectorAdapter(org.apache.flume.ChannelSelector flume) {
    this.flume = flume;
  }

  /** Called before {@link #configure}, as Flume's selector factory does. */
  @Override
  public void setChannels(List<Channel> channels) {
    List<org.apache.flume.Channel> views = new ArrayList<>(channels.size());
    for (Channel channel : channels) {
      views.add(new ChannelView(channel));
    }
    try (Tccl t = Tccl.of(flume)) {
      flume.setChannels(views);
    }
    all = new SelectedChannels(List.copyOf(channels), flume);
    mapped = new IdentityHashMap<>();
  }

  @Override
  public void configure(Context context) {
    FlumeContexts.configure(flume, context);
  }

  /**
   * The agent's channels, in a list that also names the Flume selector, so a Flume source asking
   * its channel processor for the selector gets this one ({@link SelectorView#of}).
   */
  @Override
  public List<Channel> getAllChannels() {
    return all;
  }

  @Override
  public List<Channel> getRequiredChannels(Event event) {
    List<org.apache.flume.Channel> chosen;
    try (Tccl t = Tccl.of(flume)) {
      chosen = flume.getRequiredChannels(FlumeEvents.toFlume(event));
    }
    return ours(chosen);
  }

  @Override
  public List<Channel> getOptionalChannels(Event event) {
    List<org.apache.flume.Channel> chosen;
    try (Tccl t = Tccl.of(flume)) {
      chosen = flume.getOptionalChannels(FlumeEvents.toFlume(event));
    }
    return ours(chosen);
  }

  private List<Channel> ours(List<org.apache.flume.Channel> chosen) {
    if (chosen == null) {
      return List.of();
    }
    Mapped known = mapped.get(chosen);
    if (known != null && known.stillMaps(chosen)) {
      return known.ours;
    }
    Mapped fresh = new Mapped(chosen);
    remember(chosen, fresh);
    return fresh.ours;
  }

  private synchronized void remember(List<org.apache.flume.Channel> chosen, Mapped fresh) {
    if (mapped.size() < MAPPED_LISTS || mapped.containsKey(chosen)) {
      Map<List<org.apache.flume.Channel>, Mapped> copy = new IdentityHashMap<>(mapped);
      copy.put(chosen, fresh);
      mapped = copy;
    }
  }

  /** The agent's channel a Flume selector returned. */
  private Channel ours(org.apache.flume.Channel chosen) {
    if (chosen instanceof ChannelView view) {
      return view.ours();
    }
    throw new IllegalStateException("Channel selector " + flume.getClass().getName()
        + " returned channel " + chosen + ", which is not one of the channels it was given");
  }

  @Override
  public String toString() {
    return flume.toString();
  }

  /** One list a selector returned, its channels when mapped, and the list of ours. */
  private final class Mapped {

    private final org.apache.flume.Channel[] flumes;
    final List<Channel> ours;

    Mapped(List<org.apache.flume.Channel> chosen) {
      flumes = chosen.toArray(new org.apache.flume.Channel[0]);
      List<Channel> channels = new ArrayList<>(flumes.length);
      for (org.apache.flume.Channel channel : flumes) {
        channels.add(FlumeChannelSelectorAdapter.this.ours(channel));
      }
      ours = List.copyOf(channels);
    }

    /** Whether the selector's list still holds the channels it held (it could be reused). */
    boolean stillMaps(List<org.apache.flume.Channel> chosen) {
      if (chosen.size() != flumes.length) {
        return false;
      }
      for (int i = 0; i < flumes.length; i++) {
        if (chosen.get(i) != flumes[i]) {
          return false;
        }
      }
      return true;
    }
  }

  /** The source's channels, naming the Flume selector that routes among them. */
  static final class SelectedChannels extends AbstractList<Channel> implements RandomAccess {

    private final List<Channel> channels;
    private final org.apache.flume.ChannelSelector flume;

    SelectedChannels(List<Channel> channels, org.apache.flume.ChannelSelector flume) {
      this.channels = channels;
      this.flume = flume;
    }

    org.apache.flume.ChannelSelector flumeSelector() {
      return flume;
    }

    @Override
    public Channel get(int index) {
      return channels.get(index);
    }

    @Override
    public int size() {
      return channels.size();
    }
  }
}
