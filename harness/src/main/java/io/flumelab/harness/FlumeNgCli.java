package io.flumelab.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs short {@code bin/flume-ng} commands, such as {@code check}, as a student would. */
public final class FlumeNgCli {

  /** What a command printed (stdout and stderr together) and its exit status. */
  public record Result(int exitCode, String output) {}

  private static final String HOSTS_FILE_PROPERTY = "jdk.net.hosts.file";

  private FlumeNgCli() {}

  /** {@code flume-ng check -f configFile -n agentName}. */
  public static Result check(Path configFile, String agentName) {
    return run("check", "-f", configFile.toString(), "-n", agentName);
  }

  public static Result run(String... args) {
    try {
      ProcessBuilder builder = AgentCommandLine.flumeNg(List.of(args)).redirectErrorStream(true);
      // check resolves the file's host names (hadoop102...) as the test does: by its hosts file
      String hostsFile = System.getProperty(HOSTS_FILE_PROPERTY);
      if (hostsFile != null) {
        builder.environment().merge("JAVA_OPTS", "-D" + HOSTS_FILE_PROPERTY + "=" + hostsFile,
            (options, hosts) -> options + " " + hosts);
      }
      Process process = builder.start();
      process.getOutputStream().close();
      // read on the side, so that a command that never ends still meets the timeout
      CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
        try {
          return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("flume-ng " + String.join(" ", args) + " did not finish in 60 s");
      }
      return new Result(process.exitValue(), output.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
