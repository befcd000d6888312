package io.flumelab.filechannel;

import java.nio.file.Path;

/**
 * A process that holds a file channel open until its standard input closes: the "other agent"
 * of {@link DirectoryLockTest}. Prints {@code started} once the channel runs.
 */
public final class HoldChannel {

  public static void main(String[] args) throws Exception {
    FileChannel channel = TestChannels.started(Path.of(args[0]));
    System.out.println("started");
    System.out.flush();
    while (System.in.read() >= 0) {
      // hold until the test closes our input
    }
    channel.stop();
  }

  private HoldChannel() {}
}
