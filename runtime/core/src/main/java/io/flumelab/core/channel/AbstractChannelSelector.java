package io.flumelab.core.channel;

import io.flumelab.api.Channel;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.core.spi.ChannelSelector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds the source's channels and resolves the channel lists a selector's keys name. The
 * configuration and the channels may arrive in either order; {@link #resolve()} runs once both
 * are known, and again if either changes.
 */
public abstract class AbstractChannelSelector implements ChannelSelector {

  private volatile List<Channel> channels = List.of();
  private Context context;

  @Override
  public synchronized void setChannels(List<Channel> channels) {
    this.channels = List.copyOf(channels);
    if (context != null) {
      resolve(context);
    }
  }

  @Override
  public List<Channel> getAllChannels() {
    return channels;
  }

  @Override
  public synchronized void configure(Context context) {
    this.context = context;
    if (!channels.isEmpty()) {
      resolve(context);
    }
  }

  /** Reads the selector's keys against {@link #getAllChannels()}. */
  protected abstract void resolve(Context context);

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
