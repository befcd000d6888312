package io.flumelab.core.channel;

import io.flumelab.api.Channel;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.core.spi.ChannelSelector;
import io.flumelab.core.spi.Settings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds the source's channels and resolves the channel lists a selector's keys name. The keys are
 * read when the selector is configured; the configuration and the channels may arrive in either
 * order, and {@link #resolve()} runs once both are known, and again if the channels change.
 */
public abstract class AbstractChannelSelector implements ChannelSelector {

  private volatile List<Channel> channels = List.of();
  private boolean configured;

  @Override
  public synchronized void setChannels(List<Channel> channels) {
    this.channels = List.copyOf(channels);
    if (configured) {
      resolve();
    }
  }

  @Override
  public List<Channel> getAllChannels() {
    return channels;
  }

  @Override
  public synchronized void configure(Context context) {
    read(Settings.of(context, describe()));
    configured = true;
    if (!channels.isEmpty()) {
      resolve();
    }
  }

  /** Reads every key of the selector; the channel names they hold are resolved later. */
  protected abstract void read(Settings settings);

  /** Resolves the channel names read against {@link #getAllChannels()}. */
  protected abstract void resolve();

  /** How messages name this selector, e.g. "Multiplexing selector". */
  protected abstract String describe();

  /**
   * The channels a key's space-separated value names, in the order given, without duplicates.
   *
   * @throws ConfigurationException naming the key if a name is not one of the source's channels
   */
  protected List<Channel> channelsNamed(String key, String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    Map<String, Channel> byName = new LinkedHashMap<>();
    for (Channel channel : channels) {
      byName.put(channel.getName(), channel);
    }
    Set<Channel> result = new LinkedHashSet<>();
    for (String name : value.trim().split("\\s+")) {
      Channel channel = byName.get(name);
      if (channel == null) {
        throw new ConfigurationException(key, "Channel '" + name + "' in selector." + key
            + " is not one of the source's channels " + byName.keySet(),
            "Use one of " + String.join(" ", byName.keySet()) + " in selector." + key
                + ", or add '" + name + "' to the source's channels");
      }
      result.add(channel);
    }
    return Collections.unmodifiableList(new ArrayList<>(result));
  }

  /** {@code channels} less those in {@code exclude}, unmodifiable. */
  protected static List<Channel> without(List<Channel> channels, List<Channel> exclude) {
    List<Channel> result = new ArrayList<>(channels);
    result.removeAll(exclude);
    return Collections.unmodifiableList(result);
  }
}
