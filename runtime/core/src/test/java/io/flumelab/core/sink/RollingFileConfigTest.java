package io.flumelab.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.testing.AgentTesting;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file_roll sink as {@code flume-ng check} sees it: the course's slips, reported with their fix. */
class RollingFileConfigTest {

  @TempDir
  Path temp;

  private static List<String> problems(String config) {
    return AgentTesting.problems("jobs/file_roll.conf", config);
  }

  private String config(String sinkKeys) {
    return """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = io.flumelab.core.interceptor.InjectingSource
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = file_roll
        a1.sinks.k1.channel = c1
        """ + sinkKeys;
  }

  @Test
  void theNotesMisspellingOfDirectoryGetsADidYouMean() {
    List<String> problems = problems(config("a1.sinks.k1.sink.diretory = " + temp + "\n"));

    assertThat(problems).anySatisfy(p -> assertThat(p).contains("file_roll.conf:9: ")
        .contains("unknown key 'sink.diretory'").contains("Did you mean 'sink.directory'?"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("missing required key 'sink.directory'"));
  }

  @Test
  void aDirectoryNobodyCreatedIsReportedByCheckWithTheCommandToCreateIt() {
    Path missing = temp.resolve("opt/module/datas/flume3");

    List<String> problems = problems(config("a1.sinks.k1.sink.directory = " + missing + "\n"));

    assertThat(problems).anySatisfy(p -> assertThat(p).contains("file_roll.conf:9: ")
        .contains(missing + " does not exist").contains("mkdir -p " + missing));
  }

  @Test
  void aCompleteConfigChecksClean() {
    List<String> problems = problems(config("""
        a1.sinks.k1.sink.directory = %s
        a1.sinks.k1.sink.rollInterval = 0
        a1.sinks.k1.sink.batchSize = 50
        a1.sinks.k1.sink.pathManager.prefix = web-
        a1.sinks.k1.sink.serializer = TEXT
        a1.sinks.k1.sink.serializer.appendNewline = true
        """.formatted(temp)));

    assertThat(problems).isEmpty();
  }
}
