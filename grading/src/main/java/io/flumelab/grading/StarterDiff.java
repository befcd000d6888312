package io.flumelab.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a student changed in a lab: a unified diff ({@code diff -ruN}) of the files they own
 * against the starter's, with paths relative to the lab ({@code starter/jobs/x.conf},
 * {@code student/jobs/x.conf}).
 */
final class StarterDiff {

  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static final int MAX_CHARS = 200_000;

  private StarterDiff() {}

  static String of(Path starterLab, Path studentLab) throws IOException {
    StringBuilder diff = new StringBuilder();
    for (String owned : OwnedFiles.of(starterLab)) {
      Path before = starterLab.resolve(owned);
      Path after = studentLab.resolve(owned);
      if (!Files.exists(before) && !Files.exists(after)) {
        continue;
      }
      diff.append(run(before, after, starterLab, studentLab));
      if (diff.length() > MAX_CHARS) {
        return diff.substring(0, MAX_CHARS) + "\n[diff cut at " + MAX_CHARS + " characters]\n";
      }
    }
    return diff.toString();
  }

  private static String run(Path before, Path after, Path starterLab, Path studentLab)
      throws IOException {
    Path output = Files.createTempFile("flumelab-diff", ".txt");
    try {
      Process diff = new ProcessBuilder("diff", "-ruN", before.toString(), after.toString())
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!diff.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        ProcessTree.kill(diff, Duration.ofSeconds(5));
        return "[diff did not end within " + LIMIT.toSeconds() + " s]\n";
      }
      String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
      return text.replace(studentLab.toAbsolutePath() + "/", "student/")
          .replace(starterLab.toAbsolutePath() + "/", "starter/");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while comparing " + after, e);
    } catch (IOException e) {
      return "[no diff: " + e.getMessage() + " (install diffutils)]\n";
    } finally {
      Files.deleteIfExists(output);
    }
  }

  static List<String> lines(String diff) {
    return diff.isEmpty() ? List.of() : List.of(diff.split("\n", -1));
  }
}
