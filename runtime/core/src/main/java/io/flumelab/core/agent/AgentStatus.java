package io.flumelab.core.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A small JSON file that says where an agent is in its life ({@code starting}, {@code started},
 * {@code stopping}, {@code stopped}), with its process id and each component's state, written
 * whole each time (a rename) so a reader never sees half of it. Tools and tests wait for
 * {@code "state":"started"} instead of reading the log. Written when the agent is started with
 * {@code -Dflumelab.status.file=PATH}.
 */
public final class AgentStatus {

  /** The system property naming the file. */
  public static final String PROPERTY = "flumelab.status.file";

  private static final JsonFactory JSON = new JsonFactory();

  private final Path file;

  private AgentStatus(Path file) {
    this.file = file;
  }

  /** The status file the system properties ask for, or null. */
  public static AgentStatus fromProperties() {
    String path = System.getProperty(PROPERTY);
    return path == null || path.isBlank() ? null : new AgentStatus(Path.of(path));
  }

  public Path file() {
    return file;
  }

  /** Writes the agent's state and its components' lifecycle states. */
  public void write(String agentName, String state, Map<String, String> components) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("agent", agentName);
      json.writeStringField("state", state);
      json.writeNumberField("pid", ProcessHandle.current().pid());
      json.writeObjectFieldStart("components");
      for (Map.Entry<String, String> component : components.entrySet()) {
        json.writeStringField(component.getKey(), component.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path next = Files.createTempFile(parent, file.getFileName().toString(), ".next");
      Files.writeString(next, text + "\n", StandardCharsets.UTF_8);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the agent's status file " + file, e);
    }
  }
}
