package io.flumelab.grading;

import io.flumelab.grading.Submission.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the submissions in what the instructor names: each path is one submission (an archive, a
 * git repository, a directory holding a lab) or a folder of submissions, one per student.
 */
final class Submissions {

  private Submissions() {}

  static List<Submission> find(List<Path> paths, List<String> labs) {
    List<Submission> found = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new IllegalArgumentException("No such file or directory: " + path
            + " (name a student's directory, archive or git repository, or a folder of them)");
      }
      Optional<Submission> one = asSubmission(path, labs);
      if (one.isPresent()) {
        found.add(one.get());
      } else {
        try (Stream<Path> children = Files.list(path)) {
          children.filter(child -> !child.getFileName().toString().startsWith("."))
              .sorted(Comparator.comparing(child -> child.getFileName().toString()))
              .forEach(child -> asMember(child).ifPresent(found::add));
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot list " + path, e);
        }
      }
    }
    return found;
  }

  /** A path that is a submission by itself, or empty when it is a folder of submissions. */
  private static Optional<Submission> asSubmission(Path path, List<String> labs) {
    Optional<Submission> archiveOrRepository = archiveOrRepository(path);
    if (archiveOrRepository.isPresent()) {
      return archiveOrRepository;
    }
    if (Files.isDirectory(path) && LabLocator.holdsWork(path, labs)) {
      return Optional.of(new Submission(nameOf(path), path, Kind.DIRECTORY));
    }
    return Optional.empty();
  }

  /** A member of a folder of submissions: any directory, archive or repository. */
  private static Optional<Submission> asMember(Path path) {
    Optional<Submission> archiveOrRepository = archiveOrRepository(path);
    if (archiveOrRepository.isPresent()) {
      return archiveOrRepository;
    }
    return Files.isDirectory(path)
        ? Optional.of(new Submission(nameOf(path), path, Kind.DIRECTORY))
        : Optional.empty();
  }

  private static Optional<Submission> archiveOrRepository(Path path) {
    String file = path.getFileName().toString();
    String lower = file.toLowerCase(Locale.ROOT);
    if (Files.isRegularFile(path)) {
      if (lower.endsWith(".zip")) {
        return Optional.of(new Submission(strip(file, ".zip"), path, Kind.ZIP));
      }
      for (String suffix : List.of(".tar.gz", ".tgz", ".tar")) {
        if (lower.endsWith(suffix)) {
          return Optional.of(new Submission(strip(file, suffix), path, Kind.TAR));
        }
      }
      return Optional.empty();
    }
    if (Files.isDirectory(path.resolve(".git")) || Files.isRegularFile(path.resolve(".git"))) {
      return Optional.of(new Submission(nameOf(path), path, Kind.GIT));
    }
    if (lower.endsWith(".git") && Files.isRegularFile(path.resolve("HEAD"))) {
      return Optional.of(new Submission(strip(file, ".git"), path, Kind.GIT));  // a bare repository
    }
    return Optional.empty();
  }

  private static String nameOf(Path path) {
    return path.toAbsolutePath().normalize().getFileName().toString();
  }

  private static String strip(String file, String suffix) {
    return file.substring(0, file.length() - suffix.length());
  }
}
