package io.flumelab.core.config;

import static io.flumelab.core.config.ConfigTesting.problems;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Context;
import io.flumelab.core.config.AgentConfigurations.Options;
import io.flumelab.core.config.fixtures.DeclaringSource;
import io.flumelab.core.config.fixtures.Fixtures;
import io.flumelab.core.spi.Settings;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The spi's declarations {@code deprecatedAlias}, {@code warnUnless} and
 * {@code passThrough(prefix, SubKeys)}, as {@code flume-ng check} reports them for a component that
 * uses each ({@link DeclaringSource}) and as the component reads them.
 */
class SpiDeclarationsTest {

  private static final Options STRICT = ConfigTesting.STRICT
      .withRegistry(Fixtures.registryWith(DeclaringSource.SPEC));
  private static final Options LENIENT = STRICT.withLenient(true);

  /** A whole agent whose source r1 is the fixture, its keys from line 6 on. */
  private static String job(String... sourceKeys) {
    StringBuilder text = new StringBuilder("""
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1
        a1.sources.r1.type = declaring
        a1.sources.r1.channels = c1
        """);
    for (String key : sourceKeys) {
      text.append("a1.sources.r1.").append(key).append('\n');
    }
    return text.append("""
        a1.channels.c1.type = memory
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        """).toString();
  }

  private static CheckReport check(String text, Options options) {
    return AgentConfigurations.check(ConfigTesting.FILE, text, "a1", options);
  }

  private static Settings settings(Map<String, String> keys) {
    return Settings.of(new Context(keys), "Declaring source r1");
  }

  @Nested
  class DeprecatedAlias {

    @Test
    void theOldSpellingAloneWorksWithAWarningThatWritesTodaysKey() {
      String text = job("brokerList = hadoop103:9092");

      assertThat(problems(text, STRICT)).containsExactly(
          "jobs/x.conf:6: warning: a1.sources.r1.brokerList: 'brokerList' is deprecated; it still "
              + "sets 'servers'. Write 'a1.sources.r1.servers = hadoop103:9092' instead.");
      assertThat(check(text, STRICT).errors()).as("the required key is set by its old spelling")
          .isEmpty();
      assertThat(settings(Map.of("brokerList", "hadoop103:9092")).get(DeclaringSource.SERVERS))
          .isEqualTo("hadoop103:9092");
    }

    @Test
    void withBothSpellingsTodaysKeyWinsAndTheWarningSaysTheOldOneIsIgnored() {
      String text = job("brokerList = hadoop103:9092", "servers = hadoop105:9092");

      assertThat(problems(text, STRICT)).containsExactly(
          "jobs/x.conf:6: warning: a1.sources.r1.brokerList: 'brokerList' is deprecated and "
              + "ignored, since 'servers' is set too. Remove 'a1.sources.r1.brokerList'.");
      assertThat(settings(Map.of("brokerList", "hadoop103:9092", "servers", "hadoop105:9092"))
          .get(DeclaringSource.SERVERS)).isEqualTo("hadoop105:9092");
    }

    @Test
    void todaysKeyAloneEarnsNoWarning() {
      assertThat(problems(job("servers = hadoop105:9092"), STRICT)).isEmpty();
    }
  }

  @Nested
  class WarnUnless {

    @Test
    void aValueThatBreaksTheRuleIsAWarningAtItsLineAndTheAgentRuns() {
      String text = job("servers = hadoop102:9092", "batchSize = 5000");

      assertThat(problems(text, STRICT)).containsExactly(
          "jobs/x.conf:7: warning: a1.sources.r1.batchSize: batches of 5000 events hold a "
              + "transaction open for long. Use 1000 or less.");
      assertThat(check(text, STRICT).errors()).isEmpty();
      assertThat(settings(Map.of("servers", "h:1", "batchSize", "5000"))
          .get(DeclaringSource.BATCH_SIZE)).as("the value is used as written").isEqualTo(5000);
    }

    @Test
    void aMalformedValueIsTheErrorOnlyWithoutTheWarning() {
      assertThat(problems(job("servers = hadoop102:9092", "batchSize = 0"), STRICT))
          .containsExactly("jobs/x.conf:7: a1.sources.r1.batchSize: must be 1 or more, not 0. "
              + "Set it to 1 or more.");
    }

    @Test
    void aValueWithinTheRuleEarnsNothing() {
      assertThat(problems(job("servers = hadoop102:9092", "batchSize = 1000"), STRICT)).isEmpty();
    }
  }

  @Nested
  class PassThroughWithSubKeys {

    @Test
    void aSubKeyTheLibraryDoesNotKnowIsAnErrorWithTheClosestItKnows() {
      String text = job("servers = hadoop102:9092", "client.linger.msec = 5");

      assertThat(problems(text, STRICT)).containsExactly(
          "jobs/x.conf:7: a1.sources.r1.client.linger.msec: 'linger.msec' is not a setting of "
              + "what 'client.' configures. Did you mean 'client.linger.ms'?");
    }

    @Test
    void leniencyMakesAnUnknownSubKeyAWarningAndKeepsTheSource() {
      String text = job("servers = hadoop102:9092", "client.linger.msec = 5");

      assertThat(problems(text, LENIENT)).containsExactly(
          "jobs/x.conf:7: warning: a1.sources.r1.client.linger.msec: 'linger.msec' is not a "
              + "setting of what 'client.' configures. Did you mean 'client.linger.ms'?");
      assertThat(check(text, LENIENT).errors()).isEmpty();
    }

    @Test
    void aValueTheLibraryRefusesIsAnErrorInTheLibrarysWords() {
      assertThat(problems(job("servers = hadoop102:9092", "client.acks = most"), STRICT))
          .containsExactly("jobs/x.conf:7: a1.sources.r1.client.acks: the client says: invalid "
              + "acks 'most'. Write 0, 1 or all.");
    }

    @Test
    void subKeysTheLibraryKnowsWithGoodValuesPassAndReachTheComponent() {
      assertThat(problems(job("servers = hadoop102:9092", "client.acks = all",
          "client.linger.ms = 5"), STRICT)).isEmpty();
      assertThat(settings(Map.of("client.acks", "all", "client.linger.ms", "5")).under("client."))
          .isEqualTo(Map.of("acks", "all", "linger.ms", "5"));
    }
  }
}
