package io.flumelab.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The students' repository made from the instructor's checkout: every file git tracks but the
 * answers (and the hidden tests in them), the grading tool, CI and the instructors' documents;
 * the POMs without the profiles that read the answers, the documents without the paragraphs
 * about them, and a README section for students.
 */
final class Handout {

  /** Paths left out: the answers and hidden tests, grading, CI, instructors' documents. */
  static final List<String> LEFT_OUT = List.of("answers/", "grading/", ".ci/", "docs/grading.md",
      "docs/architecture.md", "DEVELOPERS.md");

  /** What no handed-out file may contain: a pointer to the answers. */
  static final Pattern POINTS_AT_ANSWERS = Pattern.compile(
      "answers/|-Panswers|-Palternative|-Pgrading|hidden/java|HiddenIT");

  private static final Pattern LINKS_LEFT_OUT = Pattern.compile(
      "\\((?:\\.\\./)?(?:docs/)?(?:grading|architecture)\\.md[^)]*\\)|DEVELOPERS\\.md");

  static final String STUDENTS_SECTION = """

      ## For students

      This is your copy of the course's labs. For each lab, read `labs/NN-name/README.md`, edit the
      files it names (its `jobs/`, `conf/`, `src/main/` and answer files such as
      `questions.properties`), and grade your work at any time:

      ```
      ./mvnw verify -pl labs/NN-name
      ```

      Only those files are collected: your instructor grades them with the course's own tests and
      POMs (and a few more tests of their own), so changing a test or a `pom.xml` here changes
      nothing in your grade.
      """;

  private Handout() {}

  /** Writes the handout into {@code into} (which must not exist or be empty); the files written. */
  static List<String> write(Path checkout, Path into) throws IOException {
    if (Files.exists(into)) {
      try (var entries = Files.list(into)) {
        if (entries.findAny().isPresent()) {
          throw new IOException(into + " is not empty: name a new directory for the handout");
        }
      }
    }
    List<String> written = new ArrayList<>();
    for (String path : trackedFiles(checkout)) {
      if (LEFT_OUT.stream().anyMatch(path::startsWith) || !Files.isRegularFile(checkout.resolve(path))) {
        continue;
      }
      Path target = into.resolve(path);
      Files.createDirectories(target.getParent());
      Path source = checkout.resolve(path);
      if (path.equals("pom.xml") || path.equals("labs/pom.xml") || path.endsWith(".md")) {
        String text = Files.readString(source, StandardCharsets.UTF_8);
        Files.writeString(target, transform(path, text), StandardCharsets.UTF_8);
      } else {
        Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
      written.add(path);
    }
    return written;
  }

  static String transform(String path, String text) {
    if (path.equals("pom.xml")) {
      return text.replaceAll("\\n\\s*<module>grading</module>", "");
    }
    if (path.equals("labs/pom.xml")) {
      return text.replaceAll("(?s)\\n\\s*<profiles>.*</profiles>", "")
          .replaceAll("(?s)\\n\\s*<!--((?!-->).)*?(answers|grading|hidden)((?!-->).)*?-->", "")
          .replaceAll("\\n\\s*<lab\\.hidden\\.dir>.*</lab\\.hidden\\.dir>", "");
    }
    // Markdown: a paragraph about the answers or the instructors' documents goes, and a code
    // block that does, with the line introducing it; in a list, the sentences that do
    List<String> kept = new ArrayList<>();
    for (String paragraph : text.split("\\n\\s*\\n", -1)) {
      if (isList(paragraph)) {
        String items = listWithout(paragraph);
        if (!items.isBlank()) {
          kept.add(items);
        }
      } else if (!pointsAtAnswers(paragraph)) {
        kept.add(paragraph);
      } else if (paragraph.startsWith("```") && !kept.isEmpty()
          && kept.get(kept.size() - 1).strip().endsWith(":")) {
        kept.remove(kept.size() - 1);
      }
    }
    String result = String.join("\n\n", kept);
    if (path.equals("README.md")) {
      result = result.stripTrailing() + "\n" + STUDENTS_SECTION;
    }
    return result.endsWith("\n") ? result : result + "\n";
  }

  private static boolean pointsAtAnswers(String text) {
    return POINTS_AT_ANSWERS.matcher(text).find() || LINKS_LEFT_OUT.matcher(text).find()
        || text.contains("reference solution");
  }

  private static boolean isList(String paragraph) {
    return paragraph.startsWith("- ") || paragraph.startsWith("| ");
  }

  /** A list or table without the items that point at the answers; a list item loses sentences. */
  private static String listWithout(String paragraph) {
    List<String> items = new ArrayList<>();
    for (String line : paragraph.split("\\n", -1)) {
      if (items.isEmpty() || line.startsWith("- ") || line.startsWith("| ")) {
        items.add(line);
      } else {
        items.set(items.size() - 1, items.get(items.size() - 1) + "\n" + line);
      }
    }
    List<String> kept = new ArrayList<>();
    for (String item : items) {
      if (!pointsAtAnswers(item)) {
        kept.add(item);
      } else if (item.startsWith("- ")) {
        List<String> sentences = new ArrayList<>();
        for (String sentence : item.split("(?<=\\.)\\s+")) {
          if (!pointsAtAnswers(sentence)) {
            sentences.add(sentence);
          }
        }
        if (!sentences.isEmpty() && sentences.get(0).startsWith("- ")) {
          kept.add(String.join(" ", sentences));
        }
      }
    }
    return String.join("\n", kept);
  }

  private static List<String> trackedFiles(Path checkout) throws IOException {
    Path list = Files.createTempFile("flumelab-handout", ".txt");
    try {
      Process git = new ProcessBuilder("git", "ls-files", "-z").directory(checkout.toFile())
          .redirectOutput(list.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
        ProcessTree.kill(git, Duration.ofSeconds(5));
        throw new IOException(checkout + " is not a git checkout: the handout holds the files git "
            + "tracks (so no build output or local files); run it in a clone of the course");
      }
      String names = Files.readString(list, StandardCharsets.UTF_8);
      return names.isEmpty() ? List.of() : List.of(names.split("\0"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while listing " + checkout, e);
    } finally {
      Files.deleteIfExists(list);
    }
  }
}
