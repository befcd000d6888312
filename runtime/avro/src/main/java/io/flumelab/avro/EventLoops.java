package io.flumelab.avro;

import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops Netty event loop groups and waits for their threads, so a stopped component leaves none. */
final class EventLoops {

  private static final Logger LOG = LoggerFactory.getLogger(EventLoops.class);

  private EventLoops() {}

  static void shutDown(List<EventLoopGroup> groups, String owner, long timeoutSeconds) {
    for (EventLoopGroup group : groups) {
      group.shutdownGracefully(0, timeoutSeconds, TimeUnit.SECONDS);
    }
    boolean interrupted = false;
    for (EventLoopGroup group : groups) {
      try {
        if (!group.awaitTermination(timeoutSeconds + 5, TimeUnit.SECONDS)) {
          LOG.warn("{}: I/O threads did not stop within {} s", owner, timeoutSeconds + 5);
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
