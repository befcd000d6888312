package io.flumelab.core.testing;

import static io.flumelab.core.testing.SourceTesting.processorInto;

import io.flumelab.api.Event;
import io.flumelab.api.Source;
import io.flumelab.core.channel.MemoryChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Sources under test writing into one memory channel, all of them stopped after each test, the
 * sources first. Register it with {@code @RegisterExtension}.
 */
public final class SourceHarness implements AfterEachCallback {

  private final List<Source> sources = new ArrayList<>();
  private MemoryChannel channel;

  /** Starts the channel the sources write into; see {@link SourceTesting#memoryChannel(Map)}. */
  public MemoryChannel startChannel(Map<String, String> settings) {
    channel = SourceTesting.memoryChannel(settings);
    return channel;
  }

  /** Starts the channel the sources write into; see {@link SourceTesting#memoryChannel(int)}. */
  public MemoryChannel startChannel(int capacity) {
    channel = SourceTesting.memoryChannel(capacity);
    return channel;
  }

  /** The channel started last, or null. */
  public MemoryChannel channel() {
    return channel;
  }

  /** Connects the source to the channel as the agent would, and starts it. */
  public <S extends Source> S start(S source) {
    source.setChannelProcessor(processorInto(channel));
    source.start();
    sources.add(source);
    return source;
  }

  /** Stops a source before the test ends. */
  public void stop(Source source) {
    source.stop();
    sources.remove(source);
  }

  /** What the channel holds; see {@link SourceTesting#takeAvailable(MemoryChannel)}. */
  public List<Event> takeAvailable() {
    return SourceTesting.takeAvailable(channel);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    sources.forEach(Source::stop);
    sources.clear();
    if (channel != null) {
      channel.stop();
      channel = null;
    }
  }
}
