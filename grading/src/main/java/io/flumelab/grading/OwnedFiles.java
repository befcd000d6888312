package io.flumelab.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a student owns in a lab, and only that, copied from their work into a directory the lab's
 * tests then read ({@code -Dlab.dir}): {@code jobs/}, {@code conf/}, {@code src/main/}, and the
 * answer files the starter lab holds at its top (such as {@code questions.properties} or
 * {@code kafka-cli.sh}). Tests, POMs and READMEs always come from the instructor's checkout, so
 * an edited test or POM changes nothing.
 */
final class OwnedFiles {

  static final List<String> OWNED_DIRECTORIES = List.of("jobs", "conf", "src/main");
  private static final Set<String> INSTRUCTORS_FILES = Set.of("pom.xml", "README.md");

  private OwnedFiles() {}

  /** The relative paths a student owns in {@code starterLab} (the instructor's labs/NN-name). */
  static List<String> of(Path starterLab) {
    List<String> owned = new ArrayList<>(OWNED_DIRECTORIES);
    try (Stream<Path> top = Files.list(starterLab)) {
      top.filter(Files::isRegularFile)
          .map(file -> file.getFileName().toString())
          .filter(name -> !INSTRUCTORS_FILES.contains(name) && !name.startsWith("."))
          .sorted()
          .forEach(owned::add);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + starterLab, e);
    }
    return owned;
  }

  /** Copies each owned path that {@code studentLab} has into {@code into}; returns those copied. */
  static List<String> copy(List<String> owned, Path studentLab, Path into) throws IOException {
    Files.createDirectories(into);
    List<String> copied = new ArrayList<>();
    Path lab = studentLab.toRealPath();
    for (String path : owned) {
      Path from = studentLab.resolve(path);
      if (Files.exists(from) && !from.toRealPath().startsWith(lab)) {
        continue;  // a link out of the student's work (to the answers, say) is never followed
      }
      if (Files.isDirectory(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Unpacker.copyTree(from, into.resolve(path));
        copied.add(path + "/");
      } else if (Files.isRegularFile(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(into.resolve(path).getParent());
        Files.copy(from, into.resolve(path));
        copied.add(path);
      }
    }
    return copied;
  }
}
