package io.flumelab.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a jdbc source is: a JSON object under the plugin's field names, so a status file the
 * flume-ng-sql-source plugin wrote is read as it is: {@code SourceName}, {@code URL} (with any
 * password in it masked), {@code Table} and {@code ColumnsToSelect} or {@code Query},
 * {@code IncrementalColumn}, and {@code LastIndex}, the last value of the incremental column
 * (or, without one, the number of rows read).
 *
 * <p>Each write goes to a temporary file that is forced to disk and then renamed over the old one,
 * and the directory is forced too: a crash at any moment leaves the old position or the new one,
 * never a torn file or an empty one.
 */
final class StatusFile {

  static final String SOURCE_NAME = "SourceName";
  static final String URL = "URL";
  static final String TABLE = "Table";
  static final String COLUMNS = "ColumnsToSelect";
  static final String QUERY = "Query";
  static final String INCREMENTAL_COLUMN = "IncrementalColumn";
  static final String LAST_INDEX = "LastIndex";

  private static final JsonFactory JSON = new JsonFactory();

  private final Path path;
  private final Path temporary;

  StatusFile(Path path) {
    this.path = path;
    this.temporary = path.resolveSibling(path.getFileName() + ".tmp");
  }

  Path path() {
    return path;
  }

  /** The fields of the file, or empty when there is none yet. */
  Optional<Map<String, String>> read() throws IOException {
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(Files.readAllBytes(path))) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("it is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          parser.skipChildren();
        } else if (value != JsonToken.VALUE_NULL) {
          fields.put(name, parser.getText());
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException("it is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return Optional.of(fields);
  }

  /**
   * Replaces the file with these fields, atomically and durably. An interrupt (the agent stopping
   * the source's thread) does not stop the write: the rows it records are already in the channel,
   * and a position left unwritten would send them again after the restart.
   */
  void write(Map<String, String> fields) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        try {
          writeOnce(fields);
          return;
        } catch (ClosedByInterruptException e) {
          // NIO closes a channel its thread was interrupted in: clear the interrupt and write again
          interrupted |= Thread.interrupted();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void writeOnce(Map<String, String> fields) throws IOException {
    try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
      try (JsonGenerator json = JSON.createGenerator(out)) {
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        for (Map.Entry<String, String> field : fields.entrySet()) {
          json.writeStringField(field.getKey(), field.getValue());
        }
        json.writeEndObject();
      }
      out.getFD().sync();
    }
    try {
      Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
    }
    forceDirectory(path.toAbsolutePath().getParent());
  }

  /** Makes the rename itself durable; a file system that cannot open a directory is left as is. */
  private static void forceDirectory(Path directory) throws ClosedByInterruptException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (ClosedByInterruptException e) {
      throw e;
    } catch (IOException e) {
      // some platforms cannot open or force a directory; the rename is then as durable as they are
    }
  }
}
