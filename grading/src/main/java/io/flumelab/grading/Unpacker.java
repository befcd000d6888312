package io.flumelab.grading;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Puts a submission's files into a directory of the grader's: a directory is copied (links not
 * followed), an archive extracted, a git repository cloned. An archive entry that would land
 * outside the directory (an absolute path, {@code ../}, a link) refuses the whole submission.
 */
final class Unpacker {

  /** Refuses a submission: the message is the student's, in the gradebook. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  private static final Duration GIT_TIMEOUT = Duration.ofMinutes(2);

  private Unpacker() {}

  static void unpack(Submission submission, Path into) throws IOException, Refused {
    Files.createDirectories(into);
    switch (submission.kind()) {
      case DIRECTORY -> copyTree(submission.source(), into);
      case ZIP -> unzip(submission.source(), into);
      case TAR -> untar(submission.source(), into);
      case GIT -> gitClone(submission.source(), into);
      default -> throw new IllegalStateException(submission.kind().toString());
    }
  }

  /** Copies regular files and directories; symbolic links are left out, never followed. */
  static void copyTree(Path from, Path into) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
          throws IOException {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (!dir.equals(from) && (name.equals(".git") || name.equals("target")
            || name.startsWith("target-"))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(into.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile()) {
          Files.copy(file, into.resolve(from.relativize(file).toString()),
              StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void unzip(Path archive, Path into) throws IOException, Refused {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path target = inside(into, entry.getName(), archive);
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new Refused("not a readable zip archive: " + archive.getFileName() + " ("
          + e.getMessage() + "); ask for it again");
    }
  }

  private static void untar(Path archive, Path into) throws IOException, Refused {
    String lower = archive.getFileName().toString().toLowerCase(Locale.ROOT);
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
        InputStream raw = lower.endsWith(".tar") ? file : new GZIPInputStream(file);
        TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path target = inside(into, entry.getName(), archive);
        if (entry.isSymbolicLink() || entry.isLink()) {
          throw new Refused(archive.getFileName() + " holds a link, " + entry.getName() + " -> "
              + entry.getLinkName() + ": links are refused (they can point outside the "
              + "submission); ask for the archive without it");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (java.util.zip.ZipException | IllegalArgumentException e) {
      throw new Refused("not a readable tar archive: " + archive.getFileName() + " ("
          + e.getMessage() + "); ask for it again");
    }
  }

  /** Where an entry goes; refuses one that is absolute or climbs out with {@code ..} (zip slip). */
  static Path inside(Path into, String entryName, Path archive) throws Refused {
    String name = entryName.replace('\\', '/');
    if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
      throw new Refused(archive.getFileName() + " holds an absolute path, " + entryName
          + ": refused, an archive may only hold paths inside itself; ask for it again");
    }
    Path target = into.resolve(name).normalize();
    if (!target.startsWith(into.normalize()) || List.of(name.split("/")).contains("..")) {
      throw new Refused(archive.getFileName() + " holds a path outside itself, " + entryName
          + ": refused (zip slip); ask for the archive again without it");
    }
    return target;
  }

  private static void gitClone(Path repository, Path into) throws IOException, Refused {
    Files.deleteIfExists(into);  // git clone wants to create it (it is empty)
    List<String> command = new ArrayList<>(List.of("git", "-c", "core.hooksPath=/dev/null",
        "-c", "core.symlinks=false",
        "clone", "--quiet", "--no-hardlinks", repository.toAbsolutePath().toString(),
        into.toString()));
    Path log = Files.createTempFile("flumelab-git", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    Process git = builder.start();
    try {
      if (!git.waitFor(GIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        ProcessTree.kill(git, Duration.ofSeconds(5));
        throw new Refused("git clone of " + repository + " did not end within "
            + GIT_TIMEOUT.toSeconds() + " s");
      }
      if (git.exitValue() != 0) {
        throw new Refused("git clone of " + repository + " failed: "
            + Files.readString(log).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ProcessTree.kill(git, Duration.ofSeconds(5));
      throw new IOException("interrupted while cloning " + repository, e);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
