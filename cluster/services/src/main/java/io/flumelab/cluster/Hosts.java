package io.flumelab.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hosts files that map the course's host names to their loopback addresses, for one JVM at a time:
 * a JVM started with {@code -Djdk.net.hosts.file=<file>} resolves names from that file only, so
 * nothing in {@code /etc/hosts} needs to change. Since the file replaces DNS entirely, it also maps
 * {@code localhost} and this machine's own name.
 *
 * <p>A file written {@link #forHost for a host} is what an agent running "on" that host sees: this
 * machine's name resolves to that host's address, as {@code InetAddress.getLocalHost()} would on
 * the real machine. {@code localhost} stays 127.0.0.1 everywhere.
 */
public final class Hosts {

  /** The JVM option that applies a hosts file. */
  public static final String PROPERTY = "jdk.net.hosts.file";

  private Hosts() {}

  /** The file for the services and tests: this machine's name is 127.0.0.1, like localhost. */
  public static Path writeForServices(Path file) {
    return write(file, Optional.empty());
  }

  /** The file for an agent on {@code host}: this machine's name resolves to the host's address. */
  public static Path forHost(LabHost host, Path file) {
    return write(file, Optional.of(host));
  }

  /** The JVM option that makes a JVM use the file. */
  public static String jvmOption(Path file) {
    return "-D" + PROPERTY + "=" + file.toAbsolutePath();
  }

  /** The hosts file this JVM resolves names with, if it was started with one. */
  public static Optional<Path> applied() {
    return Optional.ofNullable(System.getProperty(PROPERTY)).map(Path::of);
  }

  static String content(Optional<LabHost> self) {
    String own = ownHostName();
    boolean ownIsCourse = LabHost.COURSE.stream().anyMatch(h -> h.name().equalsIgnoreCase(own))
        || own.equalsIgnoreCase("localhost");
    List<String> lines = new ArrayList<>();
    lines.add("# FlumeLab: the course's hosts on loopback addresses (-D" + PROPERTY + "=this file)");
    String localhostLine = LabHost.LOCALHOST.address() + " localhost";
    if (self.isEmpty() && !ownIsCourse) {
      localhostLine += " " + own;
    }
    lines.add(localhostLine);
    for (LabHost host : LabHost.COURSE) {
      String line = host.address() + " " + host.name();
      if (self.filter(host::equals).isPresent() && !ownIsCourse) {
        line += " " + own;
      }
      lines.add(line);
    }
    return String.join("\n", lines) + "\n";
  }

  private static Path write(Path file, Optional<LabHost> self) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, content(self), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the hosts file " + file, e);
    }
  }

  /** This machine's name as the JDK asks for it ({@code gethostname}), resolvable or not. */
  public static String ownHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      // the message is "name: name: Name or service not known"; the name is all we need
      String message = String.valueOf(e.getMessage());
      int colon = message.indexOf(':');
      return colon > 0 ? message.substring(0, colon) : "localhost";
    }
  }

  /** Writes the services' hosts file to the path given; the build runs this before the tests. */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: Hosts <file>");
      System.exit(2);
    }
    writeForServices(Path.of(args[0]));
  }
}
