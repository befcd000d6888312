package io.flumelab.grading;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/flumelab handout --out DIR}: the students' repository, without the answers. */
@Command(name = "flumelab handout", mixinStandardHelpOptions = true,
    description = {"Writes the students' repository: every file git tracks but answers/ (and the "
        + "hidden tests in it), grading/, .ci/ and the instructors' documents, with a README "
        + "section for students. Commit it as the class's repository."})
public final class HandoutCommand implements Callable<Integer> {

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "a new (or empty) directory for the handout")
  private Path out;

  @Option(names = "--checkout", paramLabel = "DIR",
      description = "the instructor's FlumeLab checkout (default: the one bin/flumelab is in)")
  private Path checkout;

  @Override
  public Integer call() throws Exception {
    Path home = checkout != null ? checkout
        : Path.of(System.getProperty("flumelab.home", ".")).toAbsolutePath().normalize();
    List<String> written = Handout.write(home, out.toAbsolutePath().normalize());
    System.err.printf("flumelab handout: %d files in %s (left out: %s)%n", written.size(),
        out.toAbsolutePath().normalize(), String.join(" ", Handout.LEFT_OUT));
    return 0;
  }

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new HandoutCommand())
        .setExecutionExceptionHandler((e, line, parsed) -> {
          System.err.println("flumelab handout: " + e.getMessage());
          return 1;
        });
    System.exit(commandLine.execute(args));
  }
}
