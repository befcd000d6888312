package io.flumelab.core.source.taildir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.flumelab.api.FlumeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The TAILDIR position file, in Flume's format ({@code [{"inode":1,"pos":12,"file":"/a.log"}]}),
 * so an agent can take over Flume's file and the other way round. It is replaced atomically (write
 * a temporary file, then rename), so a crash mid-write never leaves a half-written file behind.
 */
final class PositionFile {

  private static final JsonFactory JSON = new JsonFactory();

  private final Path path;
  private final Path temporary;
  private final String sourceName;

  PositionFile(Path path, String sourceName) {
    this.path = path;
    this.temporary = path.resolveSibling(path.getFileName() + ".tmp");
    this.sourceName = sourceName;
  }

  Path path() {
    return path;
  }

  /** Whether a file is this position file or its temporary twin, never to be tailed. */
  boolean isOwnFile(Path file) {
    return file.equals(path) || file.equals(temporary);
  }

  /**
   * The positions saved by the last run, by inode; empty if there is no file yet.
   *
   * @throws FlumeException naming the file and the fix if it cannot be read or is not valid
   */
  Map<Long, Position> load() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new FlumeException("TAILDIR source " + sourceName + " cannot read its position file "
          + path + ": " + e + ". Check the file's permissions (positionFile)", e);
    }
    if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return Map.of();
    }
    try (JsonParser parser = JSON.createParser(bytes)) {
      return parse(parser);
    } catch (JsonProcessingException e) {
      throw corrupt(describe(e));
    } catch (IOException e) {
      throw corrupt(e.getMessage());
    }
  }

  private Map<Long, Position> parse(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_ARRAY) {
      throw corrupt("it does not start with '[' " + at(parser.currentLocation()));
    }
    Map<Long, Position> positions = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      Long inode = null;
      Long pos = null;
      String file = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "inode" -> inode = number(parser, value, field);
          case "pos" -> pos = number(parser, value, field);
          case "file" -> file = value == JsonToken.VALUE_STRING ? parser.getText() : null;
          default -> parser.skipChildren();
        }
      }
      if (inode == null || pos == null || file == null || pos < 0) {
        throw corrupt("an entry lacks a whole-number inode, a pos of 0 or more or a file name "
            + at(parser.currentLocation()));
      }
      positions.put(inode, new Position(inode, pos, file));
    }
    if (parser.currentToken() != JsonToken.END_ARRAY) {
      throw corrupt("expected an entry {...} or ']' " + at(parser.currentLocation()));
    }
    if (parser.nextToken() != null) {
      throw corrupt("there is more after the closing ']' " + at(parser.currentLocation()));
    }
    return positions;
  }

  private Long number(JsonParser parser, JsonToken value, String field) throws IOException {
    if (value != JsonToken.VALUE_NUMBER_INT) {
      throw corrupt("\"" + field + "\" is not a whole number " + at(parser.currentLocation()));
    }
    return parser.getLongValue();
  }

  private static String describe(JsonProcessingException e) {
    return e.getOriginalMessage() + " " + at(e.getLocation());
  }

  private static String at(JsonLocation location) {
    return location == null ? ""
        : "(line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private FlumeException corrupt(String reason) {
    return new FlumeException("TAILDIR source " + sourceName + ": the position file " + path
        + " is not valid: " + reason + ". Delete it to read every file again from its start "
        + "(lines already sent are sent again), or delete it and set skipToEnd = true to start "
        + "at the end of each file (lines not yet sent are skipped)");
  }

  /** Replaces the file with these positions. */
  void write(Collection<Position> positions) throws IOException {
    Files.createDirectories(path.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(temporary);
        JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartArray();
      for (Position position : positions) {
        json.writeStartObject();
        json.writeNumberField("inode", position.inode());
        json.writeNumberField("pos", position.pos());
        json.writeStringField("file", position.file());
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    try {
      Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
