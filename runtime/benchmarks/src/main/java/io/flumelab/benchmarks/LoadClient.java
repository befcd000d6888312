package io.flumelab.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A load client JVM ({@link FlumeSdkLoadClient} or {@link NetcatLoadClient}, {@code -Xmx512m} and
 * the options in {@value #JVM_OPTIONS}): started, it sends its warm-up; {@link #go()} releases the
 * measured events once the warm-up has been sent.
 */
record LoadClient(Process process, BufferedReader out) {

  /** More JVM options for the client, e.g. {@code -Dflumelab.bench.clientJvmOptions=-XX:TieredStopAtLevel=1}. */
  static final String JVM_OPTIONS = "flumelab.bench.clientJvmOptions";

  static LoadClient start(Class<?> main, String classpath, int port, int warmup, int events,
      int connections) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
    String options = System.getProperty(JVM_OPTIONS, "").trim();
    if (!options.isEmpty()) {
      command.addAll(List.of(options.split("\\s+")));
    }
    command.addAll(List.of("-cp", classpath, main.getName(), "127.0.0.1",
        String.valueOf(port), String.valueOf(warmup), String.valueOf(events),
        String.valueOf(connections)));
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new LoadClient(process, new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
  }

  /** Waits until the client has sent its warm-up (and, for netcat, had every line acknowledged). */
  void awaitWarm() throws IOException {
    for (String line = out.readLine(); !"WARM".equals(line); line = out.readLine()) {
      if (line == null) {
        throw new IllegalStateException("the load client ended during the warm-up");
      }
    }
  }

  /** Lets the measured events go; call after {@link #awaitWarm()}. */
  void go() throws IOException {
    Writer go = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    go.write("GO\n");
    go.flush();
  }

  Duration cpu() {
    return AgentJvm.cpuOf(process.toHandle());
  }
}
