package io.flumelab.core.channel;

import io.flumelab.api.Channel;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.util.List;

/**
 * Sends every event to all of the source's channels (the default selector). {@code optional}
 * lists channels, space-separated, whose failed puts are logged and counted instead of failing
 * the source's write.
 *
 * <p>The lists are computed once and returned as the same instances for every event, which lets
 * {@link DefaultChannelProcessor} put a whole batch without regrouping it.
 */
public class ReplicatingChannelSelector extends AbstractChannelSelector {

  /** The {@code replicating} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.SELECTOR, "replicating", ReplicatingChannelSelector.class)
      .flumeClass("org.apache.flume.channel.ReplicatingChannelSelector")
      .settings(Setting.string("optional"))
      .channelKey("optional")
      .build();


  public static final String OPTIONAL = "optional";

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
  protected void resolve(Context context) {
    List<Channel> optionalChannels = channelsNamed(OPTIONAL, context.getString(OPTIONAL));
    required = without(getAllChannels(), optionalChannels);
    optional = optionalChannels;
  }
}
