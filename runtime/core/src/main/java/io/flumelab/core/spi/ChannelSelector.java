package io.flumelab.core.spi;

import io.flumelab.api.Channel;
import io.flumelab.api.Configurable;
import io.flumelab.api.Event;
import java.util.List;

/**
 * Chooses the channels an event goes to. A put to a required channel must succeed for the source's
 * write to succeed; a failed put to an optional channel is logged and counted only.
 */
public interface ChannelSelector extends Configurable {

  /** The channels the source is bound to, in the order the configuration lists them. */
  void setChannels(List<Channel> channels);

  List<Channel> getAllChannels();

  List<Channel> getRequiredChannels(Event event);

  List<Channel> getOptionalChannels(Event event);
}
