package io.flumelab.harness;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the work under test lives: the student's lab directory, or another directory holding the
 * same files (a reference solution, a student's work being graded) that the lab's POM names. The
 * POM passes the directory as {@code flumelab.lab.dir}.
 */
public final class Lab {

  static final String DIR_PROPERTY = "flumelab.lab.dir";
  static final String ANSWERS_PROPERTY = "flumelab.answers";
  static final String CLASSES_PROPERTY = "flumelab.lab.classes";

  private Lab() {}

  public static Path dir() {
    return Path.of(System.getProperty(DIR_PROPERTY, ".")).toAbsolutePath().normalize();
  }

  public static boolean isAnswers() {
    return Boolean.getBoolean(ANSWERS_PROPERTY);
  }

  /** The directory of the lab's compiled classes (its custom components), which labs/pom.xml names. */
  public static Path classes() {
    String classes = System.getProperty(CLASSES_PROPERTY);
    if (classes == null) {
      throw new IllegalStateException(CLASSES_PROPERTY + " is not set: run the lab's tests with "
          + "Maven (labs/pom.xml sets it)");
    }
    return Path.of(classes);
  }

  /** A file of the lab, which must exist; e.g. {@code Lab.file("jobs/flume-netcat-logger.conf")}. */
  public static Path file(String relative) {
    Path file = dir().resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("Missing " + file + ": the lab expects this file. Restore it from "
          + "version control if it was deleted or renamed.");
    }
    return file;
  }

  /**
   * A file the lab gives and students do not edit, from the test classpath:
   * {@code src/test/resources/given/NAME} (the next hop's job, a broken job to diagnose).
   */
  public static Path given(String name) {
    URL url = Thread.currentThread().getContextClassLoader().getResource("given/" + name);
    if (url == null) {
      throw new IllegalStateException("Missing src/test/resources/given/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
