package io.flumelab.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Graphviz's {@code dot} program, which lays out and draws DOT text. FlumeLab draws no geometry
 * of its own, and no Java layout library that resolves offline here does it without bringing a
 * JavaScript engine: where {@code dot} is missing, pictures are refused with the way to install it.
 * Public for the dashboard ({@code bin/flumelab dashboard}), which draws running agents with it.
 */
public final class Graphviz {

  /** Said wherever a picture cannot be drawn for want of the program. */
  public static final String INSTALL_HINT = "Install Graphviz (Debian and Ubuntu: apt-get install "
      + "graphviz; macOS: brew install graphviz), or use --format text, or --format dot and draw "
      + "the DOT text elsewhere.";

  private static final long TIMEOUT_SECONDS = 60;

  private final Path executable;

  private Graphviz(Path executable) {
    this.executable = executable;
  }

  /** The {@code dot} of the {@code PATH}, if there is one. */
  public static Optional<Graphviz> onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "dot");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(new Graphviz(candidate));
      }
    }
    return Optional.empty();
  }

  /**
   * The picture of {@code dot} in a format of Graphviz's {@code -T} ({@code svg}, {@code png}).
   *
   * @throws IOException when the program fails, with what it said
   */
  public byte[] render(String dotText, String format) throws IOException {
    Process process = new ProcessBuilder(executable.toString(), "-T" + format).start();
    CompletableFuture<byte[]> picture = readAll(process.getInputStream());
    CompletableFuture<byte[]> errors = readAll(process.getErrorStream());
    try (OutputStream in = process.getOutputStream()) {
      in.write(dotText.getBytes(StandardCharsets.UTF_8));
    }
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(executable + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + executable + " was drawing", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(executable + " -T" + format + " failed (exit status "
          + process.exitValue() + "): " + new String(errors.join(), StandardCharsets.UTF_8).strip());
    }
    return picture.join();
  }

  /** Read on the side, so that a full pipe cannot stop the program while it is being written to. */
  private static CompletableFuture<byte[]> readAll(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try (stream) {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
