package io.flumelab.grading;

import java.util.List;
import java.util.Map;

/**
 * One known fault per lab, put into a copy of the lab's answer by {@link SyntheticClass#faults}:
 * grading that copy must lose exactly {@code lostTests}, each with a reason naming
 * {@code reasonNames}.
 */
final class LabFaults {

  /** A fault put into a lab's answer, the tests it must lose and a word their reason names. */
  record Fault(String file, String find, String replace, List<String> lostTests, String reasonNames) {}

  static final Map<String, Fault> FAULTS = Map.of(
      "01-netcat-logger", new Fault("jobs/flume-netcat-logger.conf",
          "a1.sources.r1.port = 44444",
          "a1.sources.r1.port = 44444\na1.sources.r1.max-line-length = 1024",
          List.of("a line longer than 512 bytes is truncated with a warning and the next line "
              + "still arrives"), "max-line-length"),
      "08-custom-source-sink", new Fault("src/main/java/com/atguigu/MySink.java",
          "prefix = context.getString(\"prefix\", \"hello:\");", "prefix = \"FlumeLab:\";",
          List.of("MySink wraps each body in the prefix and suffix the job sets, whatever they "
              + "are"), "<<varied>>"),
      "16-durability", new Fault("questions.properties", "batch.check.status = 1",
          "batch.check.status = 0",
          List.of("batch.* in questions.properties: what flume-ng check and flume-ng agent say "
              + "of given/batch-too-big.conf"), "batch.check.status"));

  private LabFaults() {}
}
