package io.flumelab.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.Topology;
import io.flumelab.core.spi.ChannelCounter;
import io.flumelab.core.spi.Counted;
import io.flumelab.core.testing.AgentTesting;
import io.flumelab.core.testing.LogCapture;
import java.time.Duration;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A graceful stop that cannot deliver everything says what it loses: per memory channel, an ERROR
 * line with the count and the cures, the count in the channel's counters, and the total returned
 * to the caller (the launcher's exit status).
 */
class AgentStopTest {

  /** 250 numbers replicated into c1, whose sink never delivers, and c2, whose sink does. */
  private static final String STUCK_AND_DRAINED = """
      a1.sources = r1
      a1.channels = c1 c2
      a1.sinks = stuck drained
      a1.sources.r1.type = seq
      a1.sources.r1.totalEvents = 250
      a1.sources.r1.batchSize = 50
      a1.sources.r1.channels = c1 c2
      a1.channels.c1.type = memory
      a1.channels.c1.capacity = 1000
      a1.channels.c2.type = memory
      a1.channels.c2.capacity = 1000
      a1.sinks.stuck.type = io.flumelab.core.agent.UnreachableSink
      a1.sinks.stuck.channel = c1
      a1.sinks.drained.type = null
      a1.sinks.drained.channel = c2
      """;

  private final LogCapture log = LogCapture.attach(Agent.class, Level.INFO);

  @AfterEach
  void detachLog() {
    log.close();
  }

  @Test
  void discardedEventsAreLoggedPerChannelCountedAndReturned() {
    Topology topology = load(STUCK_AND_DRAINED);
    Agent agent = Agent.of(topology);
    agent.start();
    await().atMost(Duration.ofSeconds(10)).until(() ->
        counter(topology, "c1").getEventPutSuccessCount() == 250
            && counter(topology, "c2").getEventTakeSuccessCount() == 250);

    long discarded = agent.stop(200);

    assertThat(discarded).isEqualTo(250);
    assertThat(log.lines()).filteredOn(line -> line.startsWith("ERROR")).singleElement()
        .asString()
        .contains("Channel c1 discards 250 committed events on stop")
        .contains("within the drain time (200 ms)")
        .contains("--drain-seconds")
        .contains("type = file");
    assertThat(counter(topology, "c1").getEventDiscardCount()).isEqualTo(250);
    assertThat(counter(topology, "c1").snapshot()).containsEntry("EventDiscardCount", 250L)
        .containsEntry("ChannelSize", 0L);
    assertThat(counter(topology, "c2").getEventDiscardCount()).isZero();
  }

  @Test
  void aStopThatDrainedEverythingDiscardsNothingAndSaysNothing() {
    Topology topology = load(STUCK_AND_DRAINED
        .replace("io.flumelab.core.agent.UnreachableSink", "null"));
    Agent agent = Agent.of(topology);
    agent.start();
    await().atMost(Duration.ofSeconds(10)).until(() ->
        counter(topology, "c1").getEventTakeSuccessCount() == 250
            && counter(topology, "c2").getEventTakeSuccessCount() == 250);

    assertThat(agent.stop(200)).isZero();

    assertThat(log.lines()).noneMatch(line -> line.startsWith("ERROR"))
        .anyMatch(line -> line.equals("INFO Agent a1 stopped"));
    assertThat(counter(topology, "c1").getEventDiscardCount()).isZero();
  }

  private static Topology load(String config) {
    return AgentConfigurations.load("stop.conf", config, "a1", AgentTesting.REAL);
  }

  private static ChannelCounter counter(Topology topology, String channel) {
    return (ChannelCounter) ((Counted) topology.channels().get(channel))
        .getCounter();
  }
}
