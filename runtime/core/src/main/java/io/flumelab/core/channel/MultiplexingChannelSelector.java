package io.flumelab.core.channel;

import io.flumelab.api.Channel;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each event by the value of one header ({@code header}, default
 * {@code flume.selector.header}): {@code mapping.<value>} names the required channels for a value,
 * {@code default} those for a missing, blank or unmapped value, and {@code optional.<value>} the
 * optional channels for a value (less any already required for it).
 */
public class MultiplexingChannelSelector extends AbstractChannelSelector {

  /** The {@code multiplexing} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.SELECTOR, "multiplexing", MultiplexingChannelSelector.class)
      .flumeClass("org.apache.flume.channel.MultiplexingChannelSelector")
      .settings(Setting.string("header"),
          Setting.string("default"))
      .channelKey("default")
      .channelKey("mapping.")
      .channelKey("optional.")
      .build();


  public static final String HEADER = "header";
  public static final String DEFAULT_HEADER = "flume.selector.header";
  public static final String MAPPING_PREFIX = "mapping.";
  public static final String DEFAULT = "default";
  public static final String OPTIONAL_PREFIX = "optional.";

  private static final Logger LOG = LoggerFactory.getLogger(MultiplexingChannelSelector.class);

  /** Everything an event's lookup needs, swapped as one so a reader never sees half of it. */
  private record Routes(String header, Map<String, List<Channel>> mapping,
      List<Channel> defaults, Map<String, List<Channel>> optional) {}

  private volatile Routes routes = new Routes(DEFAULT_HEADER, Map.of(), List.of(), Map.of());

  @Override
  public List<Channel> getRequiredChannels(Event event) {
    Routes current = routes;
    String value = event.getHeaders().get(current.header);
    if (value == null || value.isBlank()) {
      return current.defaults;
    }
    List<Channel> channels = current.mapping.get(value);
    return channels == null ? current.defaults : channels;
  }

  @Override
  public List<Channel> getOptionalChannels(Event event) {
    Routes current = routes;
    String value = event.getHeaders().get(current.header);
    if (value == null) {
      return List.of();
    }
    return current.optional.getOrDefault(value, List.of());
  }

  /** The header this selector routes by. */
  public String getHeader() {
    return routes.header;
  }

  @Override
  protected void resolve(Context context) {
    String header = context.getString(HEADER, DEFAULT_HEADER);
    List<Channel> defaults = channelsNamed(DEFAULT, context.getString(DEFAULT));

    Map<String, List<Channel>> mapping = new HashMap<>();
    context.getSubProperties(MAPPING_PREFIX).forEach((value, names) -> {
      String key = MAPPING_PREFIX + value;
      List<Channel> channels = channelsNamed(key, names);
      if (channels.isEmpty()) {
        throw new ConfigurationException(key, "selector." + key + " names no channel",
            "Name one or more of the source's channels, or remove selector." + key
                + " to send that value to the default channels");
      }
      mapping.put(value, channels);
    });

    Map<String, List<Channel>> optional = new HashMap<>();
    context.getSubProperties(OPTIONAL_PREFIX).forEach((value, names) -> {
      List<Channel> required = mapping.getOrDefault(value, defaults);
      optional.put(value, without(channelsNamed(OPTIONAL_PREFIX + value, names), required));
    });

    if (defaults.isEmpty()) {
      LOG.warn("Multiplexing selector has no 'default' channels: events whose header '{}' is "
          + "missing or matches no mapping are dropped", header);
    }
    routes = new Routes(header, Map.copyOf(mapping), defaults, Map.copyOf(optional));
  }
}
