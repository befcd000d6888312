package io.flumelab.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.atguigu.MySink;
import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.testing.LogCapture;
import java.time.Duration;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/**
 * The course notes' MySource and MySink, ported by changing their imports, run in an agent built
 * from the notes' own configuration: the prefix, the numbered bodies and the suffix all arrive.
 */
class PortedComponentsTest {

  private static final String CONFIG = """
      a1.sources = r1
      a1.sinks = k1
      a1.channels = c1
      a1.sources.r1.type = com.atguigu.MySource
      a1.sources.r1.delay = 10
      a1.sources.r1.field = atguigu
      a1.sinks.k1.type = com.atguigu.MySink
      a1.sinks.k1.prefix = wangyg:
      a1.sinks.k1.suffix = :bigdata
      a1.channels.c1.type = memory
      a1.channels.c1.capacity = 1000
      a1.channels.c1.transactionCapacity = 100
      a1.sources.r1.channels = c1
      a1.sinks.k1.channel = c1
      """;

  @Test
  void mySourceFeedsMySinkThroughAMemoryChannel() {
    Agent agent = Agent.of(AgentConfigurations.load("mysource-mysink.conf", CONFIG, "a1",
        AgentConfigurations.Options.defaults()));
    try (LogCapture log = LogCapture.attach(MySink.class, Level.INFO)) {
      agent.start();
      try {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(log.lines())
            .startsWith("INFO wangyg:atguigu0:bigdata", "INFO wangyg:atguigu1:bigdata",
                "INFO wangyg:atguigu2:bigdata", "INFO wangyg:atguigu3:bigdata",
                "INFO wangyg:atguigu4:bigdata"));
      } finally {
        agent.stop();
      }
    }
  }
}
