package io.flumelab.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A class of synthetic submissions made from the checkout: the answers, the starter files, the
 * answers with one known fault per lab, a starter whose tests and POM were edited to pass, one
 * whose source hangs the test JVM and leaves a process behind, and one that prints 100 MB.
 */
final class SyntheticClass {

  /** Lives while the hanging submission's test JVM does: no process may keep it after grading. */
  static final String LEFTOVER_SECONDS = "3599";

  /** Lines the loud submission prints per agent, each about 93 bytes. */
  static final int LOUD_LINES = 1_200_000;

  private final Path home;
  private final Path dir;

  SyntheticClass(Path home, Path dir) {
    this.home = home;
    this.dir = dir;
  }

  Path answers(String name, List<String> labs) throws IOException {
    for (String lab : labs) {
      copyAnswer(lab, dir.resolve(name).resolve("labs").resolve(lab));
    }
    return dir.resolve(name);
  }

  Path starters(String name, List<String> labs) throws IOException {
    for (String lab : labs) {
      Unpacker.copyTree(home.resolve("labs").resolve(lab),
          dir.resolve(name).resolve("labs").resolve(lab));
    }
    return dir.resolve(name);
  }

  Path faults(String name, List<String> labs) throws IOException {
    for (String lab : labs) {
      Path copy = dir.resolve(name).resolve("labs").resolve(lab);
      copyAnswer(lab, copy);
      LabFaults.Fault fault = LabFaults.FAULTS.get(lab);
      Path file = copy.resolve(fault.file());
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (!text.contains(fault.find())) {
        throw new IllegalStateException(file + " no longer contains '" + fault.find()
            + "': update LabFaults.FAULTS to the answer's new text");
      }
      Files.writeString(file, text.replace(fault.find(), fault.replace()), StandardCharsets.UTF_8);
    }
    return dir.resolve(name);
  }

  /** Lab 01's starter files with its test and POM edited so that every test would pass. */
  Path editedTest(String name) throws IOException {
    Path lab = starters(name, List.of("01-netcat-logger")).resolve("labs/01-netcat-logger");
    Path test = lab.resolve("src/test/java/io/flumelab/labs/netcatlogger/NetcatLoggerIT.java");
    String edited = Files.readString(test, StandardCharsets.UTF_8)
        .replaceAll("(?s)(void \\w+\\([^)]*\\)[^{]*\\{).*?\n  }\n", "$1\n  }\n");
    Files.writeString(test, edited, StandardCharsets.UTF_8);
    Files.writeString(lab.resolve("pom.xml"), "<project>not the course's POM</project>\n");
    return dir.resolve(name);
  }

  /**
   * Lab 08's answer whose MySource, once loaded, starts a long sleep and whose configure() never
   * returns: every agent the tests start hangs, with a child process of its own, so the lab runs
   * past the time limit.
   */
  Path hanging(String name) throws IOException {
    Path lab = dir.resolve(name).resolve("labs/08-custom-source-sink");
    copyAnswer("08-custom-source-sink", lab);
    Path source = lab.resolve("src/main/java/com/atguigu/MySource.java");
    String text = Files.readString(source, StandardCharsets.UTF_8)
        .replace("  public void configure(Context context) {\n",
            "  public void configure(Context context) {\n"
                + "    while (hang()) {\n"
                + "      java.util.concurrent.locks.LockSupport.park();\n"
                + "    }\n")
        .replaceFirst("(public class MySource [^{]*\\{\n)", "$1\n"
            + "  static {\n"
            + "    try {\n"
            + "      new ProcessBuilder(\"sleep\", \"" + LEFTOVER_SECONDS + "\").start();\n"
            + "    } catch (java.io.IOException e) {\n"
            + "      throw new IllegalStateException(e);\n"
            + "    }\n"
            + "  }\n\n"
            + "  private static boolean hang() {\n"
            + "    return true;\n"
            + "  }\n");
    if (!text.contains("while (hang())") || !text.contains(LEFTOVER_SECONDS)) {
      throw new IllegalStateException("The answer's MySource changed shape: update "
          + "SyntheticClass.hanging to put the hang into " + source);
    }
    Files.writeString(source, text, StandardCharsets.UTF_8);
    return dir.resolve(name);
  }

  /**
   * Lab 08's answer whose MySink prints about 110 MB each time an agent configures it: graded as
   * the answer, within the time limit, with logs and results of a readable size.
   */
  Path loud(String name) throws IOException {
    Path lab = dir.resolve(name).resolve("labs/08-custom-source-sink");
    copyAnswer("08-custom-source-sink", lab);
    Path sink = lab.resolve("src/main/java/com/atguigu/MySink.java");
    String method = "  public void configure(Context context) {\n";
    String text = Files.readString(sink, StandardCharsets.UTF_8);
    if (!text.contains(method)) {
      throw new IllegalStateException("The answer's MySink changed shape: update "
          + "SyntheticClass.loud to put the printing into " + sink);
    }
    Files.writeString(sink, text.replace(method, method
        + "    String noise = \"debugging output \".repeat(5);\n"
        + "    for (int i = 0; i < " + LOUD_LINES + "; i++) {\n"
        + "      System.out.println(i + \" \" + noise);\n"
        + "    }\n"), StandardCharsets.UTF_8);
    return dir.resolve(name);
  }

  private void copyAnswer(String lab, Path into) throws IOException {
    Path answer = home.resolve("answers").resolve(lab);
    Unpacker.copyTree(answer, into);
    LabRunner.deleteTree(into.resolve("alternative"));
    LabRunner.deleteTree(into.resolve("hidden"));
  }
}
