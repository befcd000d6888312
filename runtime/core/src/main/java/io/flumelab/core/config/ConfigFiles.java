package io.flumelab.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What may be read as a configuration file: a regular, readable file of at most
 * {@value #MAX_BYTES} bytes. Anything else is refused before a byte is read, because reading a FIFO
 * blocks until someone writes to it and reading {@code /dev/zero} never ends (it ran the launcher
 * out of memory).
 */
public final class ConfigFiles {

  /** 10 MB: a Flume configuration of a thousand agents is well under 1 MB. */
  public static final long MAX_BYTES = 10L * 1024 * 1024;

  /** Why a path cannot be a configuration file, and what to do about it. */
  public record Refusal(String message, String fix) {

    /** {@code path: message. Fix}: the one line the launcher prints. */
    public String render(Object path) {
      return path + ": " + message + ". " + fix;
    }
  }

  private ConfigFiles() {}

  /** Why {@code file} cannot be read as a configuration, or null when it can. */
  public static Refusal refusal(Path file) {
    String fix = "Check the path given with -f (--conf-file).";
    if (!Files.exists(file)) {
      return new Refusal("no such file", fix);
    }
    if (Files.isDirectory(file)) {
      return new Refusal("is a directory, not a configuration file",
          "Give the file itself with -f, e.g. " + file.resolve("flume.conf") + ".");
    }
    if (!Files.isRegularFile(file)) {
      // /dev/null, /dev/zero, a FIFO, a socket: what they yield is not a file's content
      return new Refusal("is not a regular file (a device, pipe or socket)",
          "Write the configuration to a file and give that with -f.");
    }
    if (!Files.isReadable(file)) {
      return new Refusal("permission denied",
          "Let the user running the agent read it (chmod a+r " + file + ").");
    }
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        return new Refusal("is " + size + " bytes, more than the " + MAX_BYTES
            + " bytes (10 MB) a configuration may have", fix);
      }
      if (size == 0) {
        return new Refusal("is empty",
            "Write the agent's configuration in it (a1.sources = r1 ...), or check the path"
                + " given with -f.");
      }
    } catch (IOException e) {
      return new Refusal("cannot be read (" + e.getMessage() + ")", fix);
    }
    return null;
  }

  /** The file's text, refused as {@link #refusal} says. */
  static String read(Path file) throws RefusedException {
    Refusal refusal = refusal(file);
    if (refusal != null) {
      throw new RefusedException(refusal);
    }
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RefusedException(new Refusal("cannot be read (" + e.getMessage() + ")",
          "Check the path given with -f (--conf-file)."));
    }
  }

  /** A refused file: checked, so that every caller reports it as a problem of the file. */
  static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Refusal refusal;

    RefusedException(Refusal refusal) {
      super(refusal.message(), null, false, false);
      this.refusal = refusal;
    }

    Refusal refusal() {
      return refusal;
    }
  }
}
