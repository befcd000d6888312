package io.flumelab.core.source.spooldir;

import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.Source;
import io.flumelab.core.source.spooldir.SpoolMarkers.Marker;
import io.flumelab.core.source.spooldir.SpoolScanner.Candidate;
import io.flumelab.core.spi.RetryingBatchWriter;
import io.flumelab.core.spi.SourceCounter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of a spooling directory source: picks a file, reads it in batches, commits each batch
 * (retrying while the channels refuse it), records the committed offset, and marks the file done
 * only after its last batch is committed. A file that breaks the rules (changed after pick-up, a
 * name used before, undecodable with decodeErrorPolicy FAIL) is reported once at ERROR and left as
 * it is, and the other files go on. A file that cannot be read (no permission, an I/O error) is
 * set aside with one ERROR and tried again later ({@link UnreadableFiles}); the others go on.
 */
final class SpoolWorker implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(SpoolDirectorySource.class);
  private static final long FIRST_RETRY_PAUSE_MS = 250;

  private final Source source;
  private final SpoolDirectorySource.Spooling settings;
  private final SourceCounter counter;
  private final SpoolScanner scanner;
  private final SpoolMarkers markers;
  private final RetryingBatchWriter writer;
  private final CountDownLatch stopped = new CountDownLatch(1);
  /** Files left alone this run, with the reason already logged. */
  private final Map<Path, String> leftAlone = new HashMap<>();
  /** Files whose read failed, passed by until they change or their pause is over. */
  private final UnreadableFiles unreadable = new UnreadableFiles();
  /** Files with a marker from an earlier run, to resume first. */
  private final Set<Path> toResume = new HashSet<>();

  SpoolWorker(Source source, SpoolDirectorySource.Spooling settings, SourceCounter counter)
      throws IOException {
    this.source = source;
    this.settings = settings;
    this.counter = counter;
    this.scanner = new SpoolScanner(settings.spoolDir(), settings.trackerDir(),
        settings.fileSuffix(), settings.include(), settings.ignore(), settings.recursive(),
        settings.consumeOrder());
    this.markers = new SpoolMarkers(settings.spoolDir(), settings.trackerDir());
    this.writer = new RetryingBatchWriter(source.getChannelProcessor(), counter,
        FIRST_RETRY_PAUSE_MS, settings.maxBackoff());
    for (Marker marker : markers.all()) {
      toResume.add(marker.file());
    }
  }

  void stop() {
    stopped.countDown();
    writer.stop(0); // a refused batch is not retried: its file's marker keeps the committed offset
  }

  private boolean isStopped() {
    return stopped.getCount() == 0;
  }

  @Override
  public void run() {
    // the same failure every pollDelay (the directory removed, say) is logged once, not 2 a second
    String lastFailure = null;
    while (!isStopped()) {
      try {
        Candidate next = scanner.next(this::eligible);
        lastFailure = null;
        if (next == null && !toResume.isEmpty()) {
          toResume.clear(); // the rest no longer qualify (now ignored, say): go on with the others
          next = scanner.next(this::eligible);
        }
        if (next == null) {
          stopped.await(settings.pollDelay(), TimeUnit.MILLISECONDS);
        } else {
          process(next);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        counter.incrementGenericProcessingFail();
        if (!e.toString().equals(lastFailure)) {
          lastFailure = e.toString();
          LOG.error("Spooling directory source {}: error while reading {}; trying again every {} "
              + "ms, logged again when the error changes", source.getName(), settings.spoolDir(),
              settings.pollDelay(), e);
        } else {
          LOG.debug("Spooling directory source {}: still failing: {}", source.getName(), e);
        }
        try {
          stopped.await(settings.pollDelay(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Resumed files first; then files not done, not left alone, and with an unused done name. */
  private boolean eligible(Candidate c) {
    if (leftAlone.containsKey(c.path()) || !unreadable.mayTry(c)) {
      return false;
    }
    if (!toResume.isEmpty()) {
      return toResume.contains(c.path());
    }
    if (settings.trackerDirPolicy() && Files.exists(doneMarker(c.path()))) {
      return false;
    }
    if (settings.renames() && Files.exists(doneName(c.path()))) {
      leaveAlone(c.path(), "its done name " + doneName(c.path()).getFileName()
          + " exists already: the file name was used before for another file. Spooled files "
          + "must have unique names; rename it (add a timestamp, say) and it will be read");
      return false;
    }
    return true;
  }

  private Path doneName(Path file) {
    return file.resolveSibling(file.getFileName() + settings.fileSuffix());
  }

  private Path doneMarker(Path file) {
    String relative = settings.spoolDir().relativize(file).toString().replace('/', '_');
    return settings.trackerDir().resolve(relative + settings.fileSuffix());
  }

  private void leaveAlone(Path file, String reason) {
    if (leftAlone.putIfAbsent(file, reason) == null) {
      counter.incrementGenericProcessingFail();
      LOG.error("Spooling directory source {}: {} is left as it is: {}. The other files are still "
          + "read", source.getName(), file, reason);
    }
  }

  /**
   * Sets aside a file whose read failed: one ERROR the first time, with the cause and the cure;
   * a failed retry only pushes the next try further off.
   */
  private void setAsideUnreadable(Candidate file, IOException cause, long eventsSent)
      throws IOException {
    if (eventsSent == 0) {
      // nothing of it was sent, so a later change (a fixed file) is no reason to refuse it
      markers.delete(file.path());
    }
    boolean first = !unreadable.isSetAside(file.path());
    long pause = unreadable.setAside(file);
    if (!first) {
      LOG.debug("Spooling directory source {}: {} still cannot be read ({}); next try in {} s",
          source.getName(), file.path(), reason(cause), pause / 1000);
      return;
    }
    counter.incrementEventReadFail();
    LOG.error("Spooling directory source {}: cannot read {} ({}; {} events of it were sent): it is "
        + "set aside and tried again when it changes (a chmod, say) or in {} s; the other files "
        + "are still read. Make it readable by the user the agent runs as ({})",
        source.getName(), file.path(), reason(cause), eventsSent, pause / 1000,
        System.getProperty("user.name"));
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private void process(Candidate picked) throws IOException, InterruptedException {
    Path file = picked.path();
    Marker marker = markers.find(file);
    toResume.remove(file);
    long size = picked.size();
    long modified = picked.modified();
    long offset = 0;
    long events = 0;
    if (marker != null) {
      if (marker.size() != size || marker.modified() != modified) {
        leaveAlone(file, "it changed after it was picked up (it was " + marker.size()
            + " bytes; " + marker.events() + " events were already sent). Spooled files must not "
            + "change; to send it again from the start, give it a new name");
        return;
      }
      offset = marker.offset();
      events = marker.events();
    }
    Map<String, String> headers = headers(file);
    try (SpoolLineReader reader = open(picked, offset, events)) {
      if (reader == null) {
        return;
      }
      if (unreadable.readable(file)) {
        LOG.info("Spooling directory source {}: {} can be read now", source.getName(), file);
      }
      if (marker != null) {
        LOG.info("Spooling directory source {}: resuming {} at byte {} after {} committed events",
            source.getName(), file.getFileName(), offset, events);
      } else {
        markers.save(new Marker(file, size, modified, 0, 0));
        LOG.info("Spooling directory source {}: reading {} ({} bytes)", source.getName(),
            file.getFileName(), size);
      }
      boolean more = true;
      while (more) {
        List<Event> batch = new ArrayList<>(settings.batchSize());
        SpoolLineReader.DecodeException badBytes = null;
        IOException readFailure = null;
        try {
          while (batch.size() < settings.batchSize()) {
            String line = reader.readLine();
            if (line == null) {
              more = false;
              break;
            }
            batch.add(EventBuilder.withBody(line.getBytes(settings.outputCharset()), headers));
          }
        } catch (SpoolLineReader.DecodeException e) {
          badBytes = e;
        } catch (NoSuchFileException e) {
          throw e;
        } catch (IOException e) {
          readFailure = e; // the lines read before it are still sent; the marker keeps the offset
        }
        if (!batch.isEmpty()) {
          if (!deliver(batch, file)) {
            return; // stopping: the marker keeps the last committed offset
          }
          events += batch.size();
          markers.save(new Marker(file, size, modified, reader.position(), events));
        }
        if (badBytes != null) {
          counter.incrementEventReadFail();
          leaveAlone(file, badBytes.getMessage() + " and decodeErrorPolicy is FAIL (" + events
              + " events before them were sent). Fix the file's encoding or set inputCharset, or "
              + "set decodeErrorPolicy = REPLACE or IGNORE");
          return;
        }
        if (readFailure != null) {
          setAsideUnreadable(picked, readFailure, events);
          return;
        }
      }
    } catch (NoSuchFileException e) {
      leaveAlone(file, "it disappeared while being read");
      markers.delete(file);
      return;
    }
    BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
    if (now.size() != size || now.lastModifiedTime().toMillis() != modified) {
      leaveAlone(file, "it changed while it was read (from " + size + " to " + now.size()
          + " bytes; " + events + " events were sent). Spooled files must be complete when they "
          + "appear: write them elsewhere (or under an ignored name such as .tmp) and move them "
          + "in");
      return;
    }
    complete(file, events);
  }

  /** The file opened at {@code offset}, or null when it cannot be opened and was set aside. */
  private SpoolLineReader open(Candidate picked, long offset, long eventsSent) throws IOException {
    try {
      return new SpoolLineReader(picked.path(), offset, settings.inputCharset(),
          settings.decodeErrorAction(), settings.maxLineLength());
    } catch (NoSuchFileException e) {
      throw e; // handled as a file that disappeared
    } catch (IOException e) {
      setAsideUnreadable(picked, e, eventsSent);
      return null;
    }
  }

  private Map<String, String> headers(Path file) {
    Map<String, String> headers = new HashMap<>(4);
    if (settings.fileHeader()) {
      headers.put(settings.fileHeaderKey(), file.toAbsolutePath().toString());
    }
    if (settings.basenameHeader()) {
      headers.put(settings.basenameHeaderKey(), file.getFileName().toString());
    }
    return headers;
  }

  /** Commits a batch, retrying while refused; false if the source stopped first. */
  private boolean deliver(List<Event> batch, Path file) throws InterruptedException {
    counter.addToEventReceivedCount(batch.size());
    if (isStopped()) {
      counter.incrementAppendBatchReceivedCount(); // read, so received, though never offered
      return false;
    }
    boolean taken = writer.write(batch, (events, failures, refusal) -> {
      if (failures == 1 || failures % 10 == 0) {
        LOG.warn("Spooling directory source {}: the channels refused {} events of {} ({} "
            + "times); retrying, nothing is lost (counted as ChannelWriteFail): {}",
            source.getName(), events, file.getFileName(), failures, refusal.toString());
      }
    });
    if (!taken && Thread.interrupted()) {
      throw new InterruptedException(); // ends the worker, as an interrupted pause always did
    }
    return taken;
  }

  private void complete(Path file, long events) throws IOException {
    String name = file.getFileName().toString();
    if (settings.deleteImmediately()) {
      Files.delete(file);
      markers.delete(file);
      LOG.info("Spooling directory source {}: finished {} ({} events), deleted", source.getName(),
          name, events);
    } else if (settings.trackerDirPolicy()) {
      Files.createFile(doneMarker(file));
      markers.delete(file);
      LOG.info("Spooling directory source {}: finished {} ({} events), marked done in {}",
          source.getName(), name, events, doneMarker(file));
    } else {
      Path done = doneName(file);
      try {
        Files.move(file, done);
      } catch (FileAlreadyExistsException e) {
        leaveAlone(file, "its done name " + done.getFileName() + " appeared while it was read; "
            + "the file name was used before. Rename it to a unique name");
        return;
      }
      markers.delete(file);
      LOG.info("Spooling directory source {}: finished {} ({} events), renamed to {}",
          source.getName(), name, events, done.getFileName());
    }
  }
}
