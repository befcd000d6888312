package io.flumelab.filechannel;

import io.flumelab.api.ChannelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code in_use.lock} in a directory the channel writes: held with {@link FileChannel#tryLock}
 * while the channel runs, with the owner (process id, channel) written in it, so a second
 * channel or agent pointed at the same directory is refused at start with a message naming the
 * directory and the owner. The operating system releases the lock when the process dies, so a
 * crash leaves no stale lock, only a stale file.
 *
 * <p>Directories locked by this process are also kept in {@link #HELD} and checked first: on
 * POSIX systems, closing any handle of a file drops every lock the process holds on it, so a
 * second channel of the same agent must be refused without opening the lock file at all.
 */
final class DirectoryLock implements AutoCloseable {

  static final String NAME = "in_use.lock";

  /** The directories this process holds (real paths), with their owners' descriptions. */
  private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

  private final Path key;
  private final FileChannel file;
  private final FileLock lock;

  private DirectoryLock(Path key, FileChannel file, FileLock lock) {
    this.key = key;
    this.file = file;
    this.lock = lock;
  }

  /**
   * Locks {@code dir} (created if missing) for the channel.
   *
   * @param role how the configuration names the directory ({@code checkpointDir})
   * @param owner what the lock file says, from {@link #owner}
   * @throws ChannelException naming the directory and the owner when it is in use
   */
  static DirectoryLock acquire(String channel, String role, Path dir, String owner) {
    Path key;
    try {
      Files.createDirectories(dir);
      key = dir.toRealPath();
    } catch (IOException e) {
      throw new ChannelException("channel " + channel + ": cannot create " + role + " " + dir
          + ": " + e + ". Create it, writable by the agent's user ("
          + System.getProperty("user.name") + "), or name another directory", e);
    }
    String holder = HELD.putIfAbsent(key, owner);
    if (holder != null) {
      throw inUse(channel, role, dir, holder + " (this process)");
    }
    FileChannel file = null;
    try {
      file = FileChannel.open(key.resolve(NAME), StandardOpenOption.CREATE,
          StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = file.tryLock();
      if (lock == null) {
        throw inUse(channel, role, dir, owner(file));
      }
      file.truncate(0);
      file.write(ByteBuffer.wrap((owner + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      file.force(false);
      return new DirectoryLock(key, file, lock);
    } catch (IOException e) {
      release(key, file);
      throw new ChannelException("channel " + channel + ": cannot lock " + role + " " + dir + ": "
          + e + ". The directory must be writable by the agent's user ("
          + System.getProperty("user.name") + ")", e);
    } catch (RuntimeException e) {
      release(key, file);
      throw e;
    }
  }

  /** How a channel of this process names itself in its lock files, one text for all its locks. */
  static String owner(String channel) {
    return "pid " + ProcessHandle.current().pid() + ", channel " + channel + ", since "
        + Instant.now();
  }

  /**
   * Who holds the lock of {@code dir}, if anyone, found without changing anything: for the
   * offline inspector.
   */
  static Optional<String> holder(Path dir) {
    Path path = dir.resolve(NAME);
    try {
      String ours = HELD.get(dir.toRealPath());
      if (ours != null) {
        return Optional.of(ours + " (this process)");
      }
    } catch (IOException e) {
      return Optional.empty(); // no directory, no holder
    }
    try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
      FileLock probe = file.tryLock(0, Long.MAX_VALUE, true);
      if (probe == null) {
        return Optional.of(owner(file));
      }
      probe.release();
      return Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("unknown (" + path + " cannot be read: " + e.getMessage() + ")");
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      try {
        file.close();
      } finally {
        HELD.remove(key);
      }
    }
  }

  private static ChannelException inUse(String channel, String role, Path dir, String owner) {
    return new ChannelException("channel " + channel + ": " + role + " " + dir + " is in use by "
        + owner + ". Two file channels cannot share a directory: give this channel its own "
        + "checkpointDir and dataDirs, or stop the other agent");
  }

  /** What the holder wrote in the lock file. */
  private static String owner(FileChannel file) {
    try {
      ByteBuffer text = ByteBuffer.allocate(512);
      file.read(text, 0);
      String written = new String(text.array(), 0, text.position(), StandardCharsets.UTF_8)
          .strip();
      return written.isEmpty() ? "another process (it wrote no id)" : written;
    } catch (IOException e) {
      return "another process";
    }
  }

  private static void release(Path key, FileChannel file) {
    try {
      if (file != null) {
        file.close();
      }
    } catch (IOException ignored) {
      // the failure being reported matters more
    } finally {
      HELD.remove(key);
    }
  }
}
