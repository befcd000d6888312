package io.flumelab.core.spi;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops Netty event loop groups and waits for their threads: a stopped component leaves none. */
public final class EventLoops {

  private static final Logger LOG = LoggerFactory.getLogger(EventLoops.class);

  private EventLoops() {}

  /**
   * Shuts the groups down, letting tasks run for up to {@code timeoutSeconds}, and waits 5 s more
   * for their threads; {@code owner} names the component in the warning if they outlive that.
   */
  public static void shutDown(List<EventLoopGroup> groups, String owner, long timeoutSeconds) {
    for (EventLoopGroup group : groups) {
      group.shutdownGracefully(0, timeoutSeconds, TimeUnit.SECONDS);
    }
    boolean interrupted = false;
    for (EventLoopGroup group : groups) {
      try {
        if (!group.awaitTermination(timeoutSeconds + 5, TimeUnit.SECONDS)) {
          LOG.warn("{}: {} did not stop within {} s", owner,
              threads(groups) == 1 ? "its I/O thread" : "I/O threads", timeoutSeconds + 5);
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static int threads(List<EventLoopGroup> groups) {
    int count = 0;
    for (EventLoopGroup group : groups) {
      for (EventExecutor ignored : group) {
        count++;
      }
    }
    return count;
  }
}
