package io.flumelab.filechannel;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.Transaction;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** File channels in a test's directory, and events as the tests write them. */
final class TestChannels {

  private TestChannels() {}

  /** The settings of a channel whose files are under {@code dir}, then {@code more} pairs. */
  static Map<String, String> settings(Path dir, String... more) {
    Map<String, String> settings = new HashMap<>();
    settings.put("checkpointDir", dir.resolve("checkpoint").toString());
    settings.put("dataDirs", dir.resolve("data").toString());
    settings.put("minimumRequiredSpace", "0");
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return settings;
  }

  static FileChannel configured(String name, Map<String, String> settings) {
    FileChannel channel = new FileChannel();
    channel.setName(name);
    channel.configure(new Context(settings));
    return channel;
  }

  /** A started channel named c1 with its files under {@code dir}. */
  static FileChannel started(Path dir, String... more) {
    FileChannel channel = configured("c1", settings(dir, more));
    channel.start();
    return channel;
  }

  static Event event(String body, String... headers) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], headers[i + 1]);
    }
    return EventBuilder.withBody(body, StandardCharsets.UTF_8, map);
  }

  static String body(Event event) {
    return event == null ? null : new String(event.getBody(), StandardCharsets.UTF_8);
  }

  /** Puts the bodies in one committed transaction. */
  static void putCommitted(FileChannel channel, String... bodies) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    for (String body : bodies) {
      channel.put(event(body));
    }
    tx.commit();
    tx.close();
  }

  /** Puts {@code count} bodies {@code prefix0, prefix1...} in transactions of {@code batch}. */
  static void putCommitted(FileChannel channel, String prefix, int count, int batch) {
    for (int from = 0; from < count; from += batch) {
      Transaction tx = channel.getTransaction();
      tx.begin();
      for (int i = from; i < Math.min(count, from + batch); i++) {
        channel.put(event(prefix + i));
      }
      tx.commit();
      tx.close();
    }
  }

  /** Takes up to {@code max} bodies in one committed transaction. */
  static List<String> takeCommitted(FileChannel channel, int max) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      Event event = channel.take();
      if (event == null) {
        break;
      }
      bodies.add(body(event));
    }
    tx.commit();
    tx.close();
    return bodies;
  }

  /** Takes everything, in transactions of up to 100. */
  static List<String> drain(FileChannel channel) {
    List<String> all = new ArrayList<>();
    while (true) {
      List<String> batch = takeCommitted(channel,
          (int) Math.min(100, channel.getTransactionCapacity()));
      if (batch.isEmpty()) {
        return all;
      }
      all.addAll(batch);
    }
  }

  /**
   * Copies a running channel's files under {@code dir} to {@code to}, as they are now: what a
   * crash would leave, short of the page cache (the copy reads it), with no stop, no last
   * checkpoint and no lock released.
   */
  static void copyFiles(Path dir, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(dir.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (!file.getFileName().toString().equals(DirectoryLock.NAME)) {
          Files.copy(file, target);
        }
      }
    }
  }

  /** Bodies {@code prefix0 ... prefix(count-1)}. */
  static List<String> numbered(String prefix, int count) {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      bodies.add(prefix + i);
    }
    return bodies;
  }
}
