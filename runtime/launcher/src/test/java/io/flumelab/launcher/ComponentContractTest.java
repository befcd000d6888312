package io.flumelab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.spi.ComponentKind;
import io.flumelab.testkit.ComponentTestKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every component type the agent can run, from every module on its class path, against the
 * component contract. A type that needs something to start (a directory, a free port) gets it here.
 */
class ComponentContractTest {

  private static final ComponentTestKit KIT = ComponentTestKit.ofRegistry()
      .with(ComponentKind.SOURCE, "netcat", dir -> Map.of("bind", "127.0.0.1", "port", "0"))
      .with(ComponentKind.SOURCE, "netcatudp", dir -> Map.of("bind", "127.0.0.1", "port", "0"))
      .with(ComponentKind.SOURCE, "http", dir -> Map.of("bind", "127.0.0.1", "port", "0"))
      .with(ComponentKind.SOURCE, "avro", dir -> Map.of("bind", "127.0.0.1", "port", "0"))
      .with(ComponentKind.SOURCE, "exec", dir -> Map.of("command", "true"))
      .with(ComponentKind.SOURCE, "spooldir", dir -> Map.of("spoolDir", dir.toString()))
      .with(ComponentKind.SOURCE, "TAILDIR", dir -> Map.of("filegroups", "f1",
          "filegroups.f1", file(dir.resolve("app.log")).toString(),
          "positionFile", dir.resolve("positions.json").toString()))
      .with(ComponentKind.SINK, "file_roll", dir -> Map.of("sink.directory", dir.toString()))
      .with(ComponentKind.SINK, "hdfs", dir -> Map.of("hdfs.path", dir.toUri().toString()))
      .with(ComponentKind.SINK, "avro", dir -> Map.of("hostname", "127.0.0.1", "port", "1"))
      .with(ComponentKind.SOURCE, "kafka", dir -> Map.of("kafka.bootstrap.servers", "127.0.0.1:1",
          "kafka.topics", "first", "batchDurationMillis", "100"))
      .with(ComponentKind.SINK, "kafka", dir -> Map.of("kafka.bootstrap.servers", "127.0.0.1:1"))
      .with(ComponentKind.CHANNEL, "kafka", dir -> Map.of("kafka.bootstrap.servers",
          "127.0.0.1:1"))
      .with(ComponentKind.CHANNEL, "file", dir -> Map.of(
          "checkpointDir", dir.resolve("checkpoint").toString(),
          "dataDirs", dir.resolve("data").toString(), "minimumRequiredSpace", "0"))
      .with(ComponentKind.SOURCE, "jdbc", dir -> Map.of(
          "hibernate.connection.url", "jdbc:mariadb://127.0.0.1:1/db", "table", "student",
          "incremental.column.name", "id", "status.file.path", dir.resolve("status").toString(),
          "status.file.name", "r1.status"))
      .with(ComponentKind.INTERCEPTOR, "search_replace", dir -> Map.of("replaceString", ""))
      .with(ComponentKind.INTERCEPTOR, "regex_extractor", dir -> Map.of("serializers", "s1",
          "serializers.s1.name", "one"));

  @TestFactory
  Stream<DynamicNode> everyRegisteredType(@TempDir Path dir) {
    return KIT.tests(dir);
  }

  @Test
  void theKitSeesTheTypesOfEveryModule() {
    assertThat(KIT.specs()).extracting(spec -> spec.kind() + " " + spec.alias())
        .contains("SOURCE netcat", "SOURCE avro", "SINK hdfs", "SINK avro",
            "SINK kafka", "SOURCE jdbc", "CHANNEL memory", "CHANNEL kafka", "CHANNEL file",
            "INTERCEPTOR timestamp", "SINK_PROCESSOR load_balance", "SELECTOR multiplexing");
  }

  private static Path file(Path path) {
    try {
      return Files.exists(path) ? path : Files.createFile(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
