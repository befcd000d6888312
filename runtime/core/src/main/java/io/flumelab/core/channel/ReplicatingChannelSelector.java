package io.flumelab.core.channel;

import static io.flumelab.core.spi.ComponentKind.SELECTOR;

import io.flumelab.api.Channel;
import io.flumelab.api.Event;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.util.List;

/**
 * Sends every event to all of the source's channels (the default selector); a failed put to an
 * {@code optional} channel is logged and counted instead of failing the source's write.
 *
 * <p>The lists are computed once and returned as the same instances for every event, which lets
 * {@link DefaultChannelProcessor} put a whole batch without regrouping it.
 */
public class ReplicatingChannelSelector extends AbstractChannelSelector {

  static final Setting<String> OPTIONAL = Setting.string("optional")
      .doc("channels, space-separated, whose failed puts do not fail the source's write");

  public static final ComponentSpec SPEC = ComponentSpec.builder(SELECTOR, "replicating",
          ReplicatingChannelSelector.class)
      .flumeClass("org.apache.flume.channel.ReplicatingChannelSelector")
      .settings(OPTIONAL)
      .channelKey(OPTIONAL.key())
      .build();

  private String optionalNames;
  private volatile List<Channel> required;
  private volatile List<Channel> optional = List.of();

  @Override
  public List<Channel> getRequiredChannels(Event event) {
    List<Channel> channels = required;
    return channels == null ? getAllChannels() : channels; // unconfigured: all are required
  }

  @Override
  public List<Channel> getOptionalChannels(Event event) {
    return optional;
  }

  @Override
  protected void read(Settings settings) {
    optionalNames = settings.get(OPTIONAL);
  }

  @Override
  protected void resolve() {
    List<Channel> optionalChannels = channelsNamed(OPTIONAL.key(), optionalNames);
    required = without(getAllChannels(), optionalChannels);
    optional = optionalChannels;
  }

  @Override
  protected String describe() {
    return "Replicating selector";
  }
}
