package io.flumelab.flume;

import io.flumelab.api.ChannelProcessor;
import java.util.ArrayList;
import java.util.List;
import org.apache.flume.Channel;
import org.apache.flume.ChannelSelector;
import org.apache.flume.Context;
import org.apache.flume.Event;

/**
 * What a Flume source's {@code getChannelProcessor().getSelector()} returns: the Flume selector
 * itself when the source's selector is one ({@link FlumeChannelSelectorAdapter}), otherwise this
 * view of the agent's, which lists the channels but does not route: the agent's processor does.
 */
final class SelectorView implements ChannelSelector {

  private final ChannelProcessor ours;
  private String name = "selector";

  private SelectorView(ChannelProcessor ours) {
    this.ours = ours;
  }

  /** Flume's view of the selector behind {@code processor}. */
  static ChannelSelector of(ChannelProcessor processor) {
    if (processor.getAllChannels() instanceof FlumeChannelSelectorAdapter.SelectedChannels selected
        && selected.flumeSelector() != null) {
      return selected.flumeSelector();
    }
    return new SelectorView(processor);
  }

  @Override
  public List<Channel> getAllChannels() {
    List<io.flumelab.api.Channel> channels = ours.getAllChannels();
    List<Channel> views = new ArrayList<>(channels.size());
    for (io.flumelab.api.Channel channel : channels) {
      views.add(new ChannelView(channel));
    }
    return views;
  }

  @Override
  public List<Channel> getRequiredChannels(Event event) {
    throw notRouting();
  }

  @Override
  public List<Channel> getOptionalChannels(Event event) {
    throw notRouting();
  }

  @Override
  public void setChannels(List<Channel> channels) {
    throw new UnsupportedOperationException("The agent binds the source's channels; "
        + "a source cannot change them");
  }

  @Override
  public void configure(Context context) {}

  @Override
  public void setName(String name) {
    this.name = name;
  }

  @Override
  public String getName() {
    return name;
  }

  private static UnsupportedOperationException notRouting() {
    return new UnsupportedOperationException("FlumeLab routes events itself: "
        + "call getChannelProcessor().processEvent or processEventBatch");
  }
}
