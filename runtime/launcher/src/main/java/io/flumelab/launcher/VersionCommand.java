package io.flumelab.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code flume-ng version}: what Flume's script prints for the same word, for FlumeLab. */
@Command(name = "version", description = "Prints FlumeLab's version.")
final class VersionCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    for (String line : new Version().getVersion()) {
      System.out.println(line);
    }
    return ExitCodes.OK;
  }
}
