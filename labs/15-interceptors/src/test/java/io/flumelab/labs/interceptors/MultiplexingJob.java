package io.flumelab.labs.interceptors;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.Agents;
import io.flumelab.harness.Job;
import io.flumelab.harness.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Part (a)'s job, {@code jobs/multiplexing.conf}, in one test: its agent, the port of its netcat
 * source, and the directory {@code LAB15_DIR} with an empty {@code letter/}, {@code number/} and
 * {@code other/} for its file_roll sinks.
 */
final class MultiplexingJob {

  static final String AGENT = "a1";
  static final int PORT = 44451;

  final Path job = Lab.file("jobs/multiplexing.conf");
  /** LAB15_DIR: the directories of the kinds, and variants of the job the tests write. */
  final Path dir;

  private MultiplexingJob(Path dir) {
    this.dir = dir;
  }

  /** The job with {@code dir} as LAB15_DIR, its directory of each kind made. */
  static MultiplexingJob in(Path dir) throws IOException {
    for (String kind : Routed.KINDS) {
      Files.createDirectories(dir.resolve(kind));
    }
    return new MultiplexingJob(dir);
  }

  /** The job as the runtime reads it, with LAB15_DIR set. */
  Job read() {
    return Job.read(job, AGENT, Map.of("LAB15_DIR", dir.toString()));
  }

  AgentProcess start(Agents agents) {
    return start(agents, job);
  }

  /**
   * Starts the agent from {@code jobFile} (the job or a variant of it) and waits until its netcat
   * source listens; a failure names the course notes' faults the job repeats.
   */
  AgentProcess start(Agents agents, Path jobFile) {
    try {
      return agents.start(AGENT, jobFile, "-DLAB15_DIR=" + dir).awaitListening("localhost", PORT);
    } catch (AssertionError e) {
      throw new AssertionError(NotesFaults.withFaults(e.getMessage(), job, AGENT), e);
    }
  }

  /** The source's one interceptor named by a class (not a built-in type): the student's. */
  static Job.Component customInterceptor(Job job, Job.Component source) {
    List<Job.Component> custom = job.interceptorsOf(source).stream()
        .filter(i -> i.type() != null && i.type().contains(".")).toList();
    assertThat(custom).as("the interceptors of %s (its interceptors list, each with a type) "
        + "named by a class: yours, whose Builder the type names, e.g. "
        + "com.atguigu.interceptor.TypeInterceptor$Builder", source).hasSize(1);
    assertThat(custom.get(0).type()).as("the type of interceptor %s: the Builder's class name, "
        + "with $ between the outer class and Builder", custom.get(0).name()).endsWith("$Builder");
    return custom.get(0);
  }

  /** The header an interceptor sets: its key header, type when it has none. */
  static String headerOf(Job.Component interceptor) {
    String header = interceptor.setting("header");
    return header == null || header.isEmpty() ? "type" : header;
  }
}
