package io.flumelab.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a conf directory's {@code flume-env.sh} sets in {@code JAVA_OPTS}, for tests that judge the
 * file itself (lab 11 asks for Ganglia reporting there): found as {@code bin/flume-ng} finds it, by
 * sourcing the file in bash and splitting the variable into words. Agents started with a conf
 * directory get it from {@code bin/flume-ng} itself.
 */
public final class FlumeEnv {

  private FlumeEnv() {}

  /**
   * The JVM options {@code confDir/flume-env.sh} sets; none if the file does not exist.
   *
   * @throws AssertionError with bash's message if the file cannot be sourced
   */
  public static List<String> javaOpts(Path confDir) {
    Path file = confDir.resolve("flume-env.sh");
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    ProcessBuilder bash = new ProcessBuilder("bash", "-c",
        "JAVA_OPTS=; source \"$1\" >/dev/null || exit 1; printf '%s\\n' $JAVA_OPTS",
        "flume-env", file.toString());
    try {
      Process process = bash.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0 || !err.isBlank()) {
        throw new AssertionError("bin/flume-ng could not source " + file + ":\n" + err.strip());
      }
      return Arrays.stream(out.split("\n")).filter(option -> !option.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run bash to read " + file, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while reading " + file, e);
    }
  }
}
