package io.flumelab.labs.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.harness.Lab;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The student's answers in {@code questions.properties}, {@code key = value}, each compared with
 * what this run's agents did: without case or surrounding blanks, yes/no also as true/false, lists
 * in any order with commas or blanks between them and brackets or not.
 */
final class Questions {

  private final Path file;
  private final Properties answers;
  private final List<String> wrong = new ArrayList<>();

  private Questions(Path file, Properties answers) {
    this.file = file;
    this.answers = answers;
  }

  static Questions read() {
    Path file = Lab.file("questions.properties");
    Properties answers = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      answers.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    return new Questions(file, answers);
  }

  /** Fails at once, before any agent runs, when one of the questions is not answered. */
  Questions requireAnswered(String... keys) {
    List<String> unanswered = Arrays.stream(keys).filter(key -> answer(key).isEmpty()).toList();
    assertThat(unanswered).as("the questions of %s not answered yet (write the answer after the "
        + "=)", file.getFileName()).isEmpty();
    return this;
  }

  private String answer(String key) {
    return answers.getProperty(key, "").trim().toLowerCase();
  }

  /** A word, such as FAILED. */
  void expect(String key, String truth) {
    String answer = answer(key);
    if (!answer.equals(truth.toLowerCase())) {
      wrong.add(key + " = " + answer + ": this run: " + truth);
    }
  }

  void expectNumber(String key, long truth) {
    String answer = answer(key);
    try {
      if (Long.parseLong(answer) != truth) {
        wrong.add(key + " = " + answer + ": this run: " + truth);
      }
    } catch (NumberFormatException e) {
      wrong.add(key + " = " + answer + ": not a number; this run: " + truth);
    }
  }

  void expectYesNo(String key, boolean truth) {
    String answer = answer(key);
    String expected = truth ? "yes" : "no";
    String given = switch (answer) {
      case "yes", "true", "y" -> "yes";
      case "no", "false", "n" -> "no";
      default -> answer;
    };
    if (!given.equals(expected)) {
      wrong.add(key + " = " + answer + ": this run: " + expected);
    }
  }

  /** Items in any order, separated by commas or blanks, with or without brackets. */
  void expectSet(String key, Collection<String> truth) {
    String answer = answer(key);
    Set<String> given = Arrays.stream(answer.replaceAll("[\\[\\]]", "").split("[,\\s]+"))
        .filter(item -> !item.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    Set<String> expected = truth.stream().map(String::toLowerCase)
        .collect(Collectors.toCollection(TreeSet::new));
    if (!given.equals(expected)) {
      wrong.add(key + " = " + answer + ": this run: " + String.join(", ", truth));
    }
  }

  /** Fails listing every answer that differs from what the run did. */
  void assertMatch(String what) {
    assertThat(wrong).as("the answers of %s that differ from what %s", file.getFileName(), what)
        .isEmpty();
  }
}
