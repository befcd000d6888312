package io.flumelab.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one run of a lab holds while it runs, so that {@code --jobs} never runs two runs that would
 * disturb each other: the lab's build directory (one run of a lab at a time), each TCP port its
 * jobs and tests name (labs 01 and 08 both listen on 44444), and the course's services when its
 * tests start HDFS, Kafka, MariaDB or gmond ({@code @LabCluster}, on the course's fixed addresses).
 */
record LabResources(Set<String> held) {

  /** A port named in a job ({@code a1.sources.r1.port = 44444}) or a test ({@code PORT = 44497}). */
  private static final Pattern PORT = Pattern.compile(
      "(?i)port[\"']?\\s*[=:,(]?\\s*(\\d{4,5})\\b");

  static LabResources of(Path checkout, String lab) {
    Set<String> held = new TreeSet<>();
    held.add("lab " + lab);
    for (Path dir : new Path[] {checkout.resolve("labs").resolve(lab).resolve("src/test"),
        checkout.resolve("answers").resolve(lab)}) {
      scan(dir, held);
    }
    return new LabResources(held);
  }

  boolean conflictsWith(LabResources other) {
    return held.stream().anyMatch(other.held::contains);
  }

  private static void scan(Path dir, Set<String> held) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).filter(LabResources::isText).toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.contains("@LabCluster")) {
          held.add("the course's services");
        }
        Matcher port = PORT.matcher(text);
        while (port.find()) {
          int number = Integer.parseInt(port.group(1));
          if (number >= 1024 && number <= 65535) {
            held.add("port " + number);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dir + " to find the ports its lab uses", e);
    }
  }

  private static boolean isText(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".java") || name.endsWith(".conf") || name.endsWith(".properties")
        || name.endsWith(".sh");
  }
}
