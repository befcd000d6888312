package io.flumelab.core.channel;

import static io.flumelab.core.spi.ComponentKind.SELECTOR;

import io.flumelab.api.Channel;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Event;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each event by the value of one header: {@code mapping.<value>} names the required
 * channels for a value, {@code default} those for a missing, blank or unmapped value, and
 * {@code optional.<value>} the optional channels for a value (less any already required for it).
 */
public class MultiplexingChannelSelector extends AbstractChannelSelector {

  static final Setting<String> HEADER = Setting.string("header")
      .defaultValue("flume.selector.header").doc("the header whose value chooses the channels");
  static final Setting<String> DEFAULT_CHANNELS = Setting.string("default")
      .doc("channels, space-separated, for events whose header is missing or matches no mapping");
  /** {@code mapping.<value>}: the required channels for a header value. */
  static final String MAPPING_PREFIX = "mapping.";
  /** {@code optional.<value>}: the optional channels for a header value. */
  static final String OPTIONAL_PREFIX = "optional.";

  public static final ComponentSpec SPEC = ComponentSpec.builder(SELECTOR, "multiplexing",
          MultiplexingChannelSelector.class)
      .flumeClass("org.apache.flume.channel.MultiplexingChannelSelector")
      .settings(HEADER, DEFAULT_CHANNELS)
      .channelKey(DEFAULT_CHANNELS.key())
      .channelKey(MAPPING_PREFIX)
      .channelKey(OPTIONAL_PREFIX)
      .build();

  private static final Logger LOG = LoggerFactory.getLogger(MultiplexingChannelSelector.class);

  /** Everything an event's lookup needs, swapped as one so a reader never sees half of it. */
  private record Routes(String header, Map<String, List<Channel>> mapping,
      List<Channel> defaults, Map<String, List<Channel>> optional) {}

  private volatile Routes routes = new Routes(HEADER.defaultValue(), Map.of(), List.of(), Map.of());

  /** The keys as read, channel names not yet resolved. */
  private String header = HEADER.defaultValue();
  private String defaultNames;
  private Map<String, String> mappingNames = Map.of();
  private Map<String, String> optionalNames = Map.of();

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
  protected void read(Settings settings) {
    header = settings.get(HEADER);
    defaultNames = settings.get(DEFAULT_CHANNELS);
    mappingNames = settings.under(MAPPING_PREFIX);
    optionalNames = settings.under(OPTIONAL_PREFIX);
  }

  @Override
  protected void resolve() {
    List<Channel> defaults = channelsNamed(DEFAULT_CHANNELS.key(), defaultNames);

    Map<String, List<Channel>> mapping = new HashMap<>();
    mappingNames.forEach((value, names) -> {
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
    optionalNames.forEach((value, names) -> {
      List<Channel> required = mapping.getOrDefault(value, defaults);
      optional.put(value, without(channelsNamed(OPTIONAL_PREFIX + value, names), required));
    });

    if (defaults.isEmpty()) {
      LOG.warn("Multiplexing selector has no 'default' channels: events whose header '{}' is "
          + "missing or matches no mapping are dropped", header);
    }
    routes = new Routes(header, Map.copyOf(mapping), defaults, Map.copyOf(optional));
  }

  @Override
  protected String describe() {
    return "Multiplexing selector";
  }
}
