package io.flumelab.core.source.netcat;

import static io.flumelab.core.testing.SourceTesting.memoryChannel;
import static io.flumelab.core.testing.SourceTesting.processorInto;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Context;
import io.flumelab.api.Sink.Status;
import io.flumelab.core.channel.MemoryChannel;
import io.flumelab.core.sink.NullSink;
import io.flumelab.core.testing.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The netcat source writing through the real channel processor into a real memory channel. */
class NetcatMemoryChannelTest {

  private MemoryChannel channel;
  private NetcatSource source;
  private NullSink sink;
  private Socket client;
  private final LogCapture log = LogCapture.attach(NetcatSource.class.getName(), Level.INFO);

  private void start(Map<String, String> channelSettings) throws IOException {
    channel = memoryChannel(channelSettings);
    source = new NetcatSource();
    source.setName("r1");
    source.configure(new Context(Map.of("bind", "127.0.0.1", "port", "0")));
    source.setChannelProcessor(processorInto(channel));
    source.start();
    sink = new NullSink();
    sink.setName("k1");
    sink.configure(new Context(Map.of("batchSize", "3")));
    sink.setChannel(channel);
    sink.start();
    client = new Socket();
    client.setSoTimeout(10_000); // a guard against hanging, never a pause
    client.connect(source.getLocalAddress());
  }

  @AfterEach
  void tearDown() throws IOException {
    if (client != null) {
      client.close();
    }
    if (source != null) {
      source.stop();
      sink.stop();
      channel.stop();
    }
    log.close();
  }

  private List<String> exchange(String lines, int answers) throws IOException {
    client.getOutputStream().write(lines.getBytes(StandardCharsets.UTF_8));
    client.getOutputStream().flush();
    InputStream in = client.getInputStream();
    List<String> result = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (result.size() < answers) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + result);
      }
      if (b == '\n') {
        result.add(line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else {
        line.write(b);
      }
    }
    return result;
  }

  @Test
  void committedLinesAreInTheChannelWhenAcknowledged() throws Exception {
    start(Map.of());

    assertThat(exchange("a\nb\nc\n", 3)).containsExactly("OK", "OK", "OK");

    assertThat(channel.size()).isEqualTo(3);
    assertThat(sink.process()).isEqualTo(Status.READY);
    assertThat(sink.getCounter().getEventDrainSuccessCount()).isEqualTo(3);
  }

  @Test
  void aFullChannelIsAnsweredFailedAndTheSourceRecoversOnceDrained() throws Exception {
    start(Map.of("capacity", "3", "transactionCapacity", "3", "keep-alive", "0"));
    assertThat(exchange("1\n2\n3\n", 3)).containsExactly("OK", "OK", "OK");

    List<String> refused = exchange("4\n", 1);

    assertThat(refused.get(0)).startsWith("FAILED: Channel c1 is full");
    assertThat(source.getCounter().getChannelWriteFail()).isEqualTo(1);
    assertThat(channel.size()).isEqualTo(3);
    sink.process();
    assertThat(exchange("4\n", 1)).containsExactly("OK");
    assertThat(source.getCounter().getEventAcceptedCount()).isEqualTo(4);
  }

  @Test
  void theBatchShrinksToASmallTransactionCapacity() throws Exception {
    start(Map.of("capacity", "10000", "transactionCapacity", "10"));

    assertThat(exchange("line\n".repeat(500), 500)).containsOnly("OK");

    assertThat(channel.size()).isEqualTo(500);
    assertThat(source.getCounter().getChannelWriteFail()).isZero();
    assertThat(log.lines()).anyMatch(line -> line.startsWith("INFO Netcat source r1: batchSize "
        + "100 is above the transactionCapacity of channel c1; delivering at most 10"));
  }
}
