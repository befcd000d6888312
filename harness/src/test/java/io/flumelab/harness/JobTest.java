package io.flumelab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job answers the questions lab tests ask the same way for equivalent jobs: other names, another
 * order, comments, Flume's class names instead of aliases, defaults written out or left out.
 */
class JobTest {

  /** Lab 05's flume-1, as the reference writes it. */
  private static final String SINK_GROUP = """
      a1.sources = r1
      a1.channels = c1
      a1.sinks = k1 k2
      a1.sinkgroups = g1
      a1.sinkgroups.g1.sinks = k1 k2
      a1.sinkgroups.g1.processor.type = load_balance
      a1.sinkgroups.g1.processor.backoff = true
      a1.sinkgroups.g1.processor.selector = random
      a1.sinkgroups.g1.processor.selector.maxTimeOut = 10000
      a1.sources.r1.type = netcat
      a1.sources.r1.bind = localhost
      a1.sources.r1.port = 44444
      a1.sinks.k1.type = avro
      a1.sinks.k1.hostname = localhost
      a1.sinks.k1.port = 4141
      a1.sinks.k2.type = avro
      a1.sinks.k2.hostname = localhost
      a1.sinks.k2.port = 4142
      a1.channels.c1.type = memory
      a1.sources.r1.channels = c1
      a1.sinks.k1.channel = c1
      a1.sinks.k2.channel = c1
      """;

  /** The same agent: names swapped, class names, sinks listed the other way, comments, spaces. */
  private static final String SINK_GROUP_REWRITTEN = """
      # bindings first, then the components
      a1.sinks.toB.channel = buffer
      a1.sinks.toA.channel = buffer
      a1.sources.lines.channels = buffer

      a1.sources = lines
      a1.channels = buffer
      a1.sinks = toB toA
      a1.sinkgroups = spread

      # the group lists the sinks in the other order
      a1.sinkgroups.spread.sinks = toB   toA
      a1.sinkgroups.spread.processor.type = org.apache.flume.sink.LoadBalancingSinkProcessor
      a1.sinkgroups.spread.processor.backoff = TRUE
      a1.sinkgroups.spread.processor.selector = random
      a1.sinkgroups.spread.processor.selector.maxTimeOut = 010000

      a1.sources.lines.type = org.apache.flume.source.NetcatSource
      a1.sources.lines.bind = 127.0.0.1
      a1.sources.lines.port = 44444
      a1.channels.buffer.type = org.apache.flume.channel.MemoryChannel
      a1.sinks.toA.type = org.apache.flume.sink.AvroSink
      a1.sinks.toA.hostname = 127.0.0.1
      a1.sinks.toA.port = 4141
      a1.sinks.toB.type = avro
      a1.sinks.toB.hostname = localhost
      a1.sinks.toB.port = 4142
      """;

  @TempDir
  Path dir;

  @Test
  void equivalentJobsGiveTheSameAnswers() throws IOException {
    for (String text : List.of(SINK_GROUP, SINK_GROUP_REWRITTEN)) {
      Job job = Job.read(write(text), "a1");

      Job.Component source = job.onlySource("netcat");
      assertThat(source.address("bind", "port").is("localhost", 44444)).as(text).isTrue();
      assertThat(job.channelsOf(source)).extracting(Job.Component::type).containsExactly("memory");
      List<Job.Component> sinks = job.sinksFedBy(source);
      assertThat(sinks).extracting(Job.Component::type).containsOnly("avro").hasSize(2);
      assertThat(sinks).extracting(sink -> sink.address("hostname", "port").port())
          .containsExactlyInAnyOrder(4141, 4142);
      assertThat(sinks).allSatisfy(sink -> {
        Job.Address to = sink.address("hostname", "port");
        assertThat(to.is("localhost", to.port())).as("%s sends to localhost", sink).isTrue();
      });

      Job.Component group = job.groupOf(sinks.get(0)).orElseThrow();
      assertThat(job.groupOf(sinks.get(1))).contains(group);
      assertThat(job.sinksOfGroup(group)).containsExactlyInAnyOrderElementsOf(sinks);
      Job.Component processor = job.processorOf(group);
      assertThat(processor.type()).isEqualTo("load_balance");
      assertThat(processor.flag("backoff", false)).isTrue();
      assertThat(processor.setting("selector")).isEqualTo("random");
      assertThat(processor.number("selector.maxTimeOut", 30_000)).isEqualTo(10_000);
      assertThat(job.errors()).isEmpty();
    }
  }

  @Test
  void aFlowIsFoundWhateverItsNamesAndOrder() throws IOException {
    String reference = """
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = netcat
        a1.sources.r1.bind = localhost
        a1.sources.r1.port = 44444
        a1.channels.c1.type = memory
        a1.sinks.k1.type = logger
        a1.sources.r1.channels = c1
        a1.sinks.k1.channel = c1
        """;
    String rewritten = """
        a1.sinks = printer
        a1.channels = c2
        a1.sources = socket
        a1.sinks.printer.channel = c2
        a1.sinks.printer.type = org.apache.flume.sink.LoggerSink
        a1.channels.c2.type = MEMORY
        a1.sources.socket.channels = c2
        a1.sources.socket.type = NETCAT
        a1.sources.socket.bind = 0.0.0.0
        a1.sources.socket.port = 44444
        """;
    for (String text : List.of(reference, rewritten)) {
      Job job = Job.read(write(text), "a1");

      Job.Component sink = job.assertFlow("netcat", "memory", "logger");

      assertThat(sink.type()).isEqualTo("logger");
      assertThat(job.onlySource("netcat").address("bind", "port").accepts("localhost", 44444))
          .as(text).isTrue();
    }
  }

  @Test
  void aMissingFlowSaysWhatTheAgentHas() throws IOException {
    Job job = Job.read(write("""
        a1.sources = r1
        a1.channels = c1 c2
        a1.sinks = k1
        a1.sources.r1.type = netcat
        a1.sources.r1.bind = localhost
        a1.sources.r1.port = 44444
        a1.channels.c1.type = memory
        a1.channels.c2.type = memory
        a1.sinks.k1.type = logger
        a1.sources.r1.channels = c1
        a1.sinks.k1.channel = c2
        """), "a1");

    assertThatThrownBy(() -> job.assertFlow("netcat", "memory", "logger"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("should feed one logger sink through a channel, but it feeds none")
        .hasMessageContaining("k1 (logger) <- c2");
  }

  @Test
  void settingsAreReadAsFlumeReadsThem() throws IOException {
    Job job = Job.read(write("""
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = spooldir
        a1.sources.r1.spoolDir = ${UPLOAD}
        a1.sources.r1.fileHeader = True
        a1.channels.c1.type = memory
        a1.channels.c1.capacity = not-a-number
        a1.sinks.k1.type = logger
        a1.sources.r1.channels = c1
        a1.sinks.k1.channel = c1
        """), "a1", Map.of("UPLOAD", "/tmp/upload"));

    Job.Component source = job.onlySource("spooldir");
    assertThat(source.setting("spoolDir")).isEqualTo("/tmp/upload");
    assertThat(source.flag("fileHeader", false)).isTrue();
    assertThat(source.flag("deletePolicy", false)).isFalse();
    assertThat(source.number("batchSize", 100)).isEqualTo(100);
    assertThatThrownBy(() -> job.channels().get(0).number("capacity", 100))
        .hasMessageContaining("capacity = 'not-a-number' is not a number");
  }

  @Test
  void addressesCompareHostsByWhatTheyNameAndPortsAsNumbers() {
    Job.Address local = new Job.Address("localhost", 4141);

    assertThat(local.is("127.0.0.1", 4141)).isTrue();
    assertThat(local.is("LOCALHOST", 4141)).isTrue();
    assertThat(local.is("localhost", 4142)).isFalse();
    assertThat(local.accepts("127.0.0.1", 4141)).isTrue();
    assertThat(new Job.Address("0.0.0.0", 4141).accepts("localhost", 4141)).isTrue();
    assertThat(new Job.Address("0.0.0.0", 4141).is("localhost", 4141)).isFalse();
    assertThat(new Job.Address("no-such-host.invalid", 4141).is("localhost", 4141)).isFalse();
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("job-" + text.hashCode() + ".conf"), text);
  }
}
