package io.flumelab.cluster.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Turns Ctrl-C (SIGINT) and {@code flumelab down} (SIGTERM) into a request the main thread acts
 * on. Handling the signals, rather than stopping in a shutdown hook, lets the services stop in
 * order before the JVM's own shutdown hooks (Hadoop's, the child processes' SIGKILL) run. A
 * second signal while stopping exits at once; the shutdown hooks still kill the child processes.
 */
final class StopSignals {

  private StopSignals() {}

  static CountDownLatch install() {
    CountDownLatch latch = new CountDownLatch(1);
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(name), signal -> {
        if (latch.getCount() == 0) {
          System.exit(128 + signal.getNumber());
        }
        latch.countDown();
      });
    }
    return latch;
  }
}
