package io.flumelab.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Debian's chromium, headless: a page's rendered DOM and a screenshot of it, as a person sees it. */
final class HeadlessChromium {

  private static final Duration LIMIT = Duration.ofSeconds(90);

  private final Path binary;

  private HeadlessChromium(Path binary) {
    this.binary = binary;
  }

  static HeadlessChromium find() {
    Optional<Path> binary = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome").map(Path::of).filter(Files::isExecutable).findFirst();
    return new HeadlessChromium(binary.orElseThrow(() -> new AssertionError("No headless "
        + "browser to look at the report with: install Debian's chromium "
        + "(apt-get install chromium)")));
  }

  /** The DOM after the page rendered. */
  String dom(Path page) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", page.toUri().toString()));
  }

  void screenshot(Path page, Path png, int width, int height)
      throws IOException, InterruptedException {
    run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
        "--hide-scrollbars", page.toUri().toString()));
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      throw new AssertionError("chromium wrote no screenshot to " + png);
    }
  }

  private String run(List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("flumelab-chromium");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless",
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--user-data-dir=" + profile));
    command.addAll(args);
    Path output = Files.createTempFile("flumelab-chromium", ".out");
    try {
      Process chromium = new ProcessBuilder(command).redirectOutput(output.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!chromium.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        ProcessTree.kill(chromium, Duration.ofSeconds(5));
        throw new AssertionError("chromium did not end within " + LIMIT.toSeconds() + " s: "
            + command);
      }
      return Files.readString(output, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(output);
      LabRunner.deleteTree(profile);
    }
  }
}
