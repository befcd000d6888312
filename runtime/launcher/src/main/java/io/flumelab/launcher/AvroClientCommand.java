package io.flumelab.launcher;

import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.avro.AvroEventSender;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flume-ng avro-client}: sends each line of a file (or of standard input) as an event to an
 * avro source, as the user guide's first example does
 * ({@code bin/flume-ng avro-client -H localhost -p 41414 -F /usr/logs/log.10}).
 */
@Command(name = "avro-client", mixinStandardHelpOptions = true,
    description = "Sends each line of a file, a directory's files, or standard input to an avro source.")
final class AvroClientCommand implements Callable<Integer> {

  static final int BATCH_SIZE = 100;

  @Option(names = {"-H", "--host"}, required = true, paramLabel = "HOST",
      description = "The host of the avro source.")
  String host;

  @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT",
      description = "The port of the avro source.")
  int port;

  @Option(names = {"-F", "--filename"}, paramLabel = "FILE",
      description = "The file whose lines to send (default: standard input).")
  Path file;

  @Option(names = "--dirname", paramLabel = "DIR",
      description = "Send the lines of every file in this directory instead.")
  Path dir;

  @Option(names = {"-R", "--headerFile"}, paramLabel = "FILE",
      description = "key=value lines: headers given to every event.")
  Path headerFile;

  @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "", hidden = true)
  Map<String, String> systemProperties;

  @Option(names = {"-c", "--conf"}, paramLabel = "DIR", hidden = true,
      description = "Accepted as Flume's script accepts it; read by bin/flume-ng.")
  Path confDir;

  @Override
  public Integer call() throws IOException {
    Map<String, String> headers = headers();
    long sent = 0;
    try (AvroEventSender sender = new AvroEventSender(host, port)) {
      for (Path input : inputs()) {
        sent += send(input, headers, sender);
      }
      if (file == null && dir == null) {
        sent += send(null, headers, sender);
      }
    } catch (EventDeliveryException e) {
      System.err.println("flume-ng avro-client: " + e.getMessage() + " (" + sent
          + " events were delivered before)");
      return ExitCodes.FAILURE;
    }
    System.err.println("flume-ng avro-client: sent " + sent + " events to " + host + ":" + port);
    return ExitCodes.OK;
  }

  private List<Path> inputs() throws IOException {
    List<Path> inputs = new ArrayList<>();
    if (file != null) {
      inputs.add(file);
    }
    if (dir != null) {
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(Files::isRegularFile).sorted().forEach(inputs::add);
      }
    }
    return inputs;
  }

  /** Sends the lines of a file (standard input if null) in batches; returns how many. */
  private long send(Path input, Map<String, String> headers, AvroEventSender sender)
      throws IOException, EventDeliveryException {
    long sent = 0;
    try (Reader raw = input == null ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
        : Files.newBufferedReader(input, StandardCharsets.UTF_8);
        BufferedReader lines = new BufferedReader(raw)) {
      List<Event> batch = new ArrayList<>(BATCH_SIZE);
      String line;
      while ((line = lines.readLine()) != null) {
        batch.add(EventBuilder.withBody(line.getBytes(StandardCharsets.UTF_8), headers));
        if (batch.size() == BATCH_SIZE) {
          sender.send(batch);
          sent += batch.size();
          batch = new ArrayList<>(BATCH_SIZE);
        }
      }
      if (!batch.isEmpty()) {
        sender.send(batch);
        sent += batch.size();
      }
    }
    return sent;
  }

  private Map<String, String> headers() throws IOException {
    Map<String, String> headers = new HashMap<>();
    if (headerFile != null) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(headerFile, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      properties.forEach((k, v) -> headers.put(k.toString(), v.toString()));
    }
    return headers;
  }
}
