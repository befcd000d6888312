package io.flumelab.labs.durability;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The lab's fixed files, which the student reads but does not edit: src/test/resources/given. */
final class Given {

  private Given() {}

  static Path file(String name) {
    URL url = Given.class.getResource("/given/" + name);
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
