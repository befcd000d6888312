package io.flumelab.core.config;

import static io.flumelab.core.config.ConfigTesting.known;
import static io.flumelab.core.config.ConfigTesting.problems;
import static io.flumelab.core.spi.ComponentKind.SINK;
import static io.flumelab.core.spi.ComponentKind.SOURCE;
import static io.flumelab.core.testing.AgentTesting.REAL;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One mistake per config; each asserts the exact report lines the user would see. */
class MalformedConfigTest {

  private static final String FIXTURE = "io.flumelab.core.config.fixtures.";

  @Test
  void noPropertiesForTheAgentNamesTheAgentsTheFileHas() {
    assertThat(problems("""
        agent.sources = r1
        agent.channels = c1
        agent.sinks = k1
        """)).containsExactly(
        "jobs/x.conf: no properties for agent 'a1'. The file configures agent 'agent'; start it with --name agent.");
  }

  @Test
  void missingSinksListSuggestsTheConfiguredSinks() {
    assertThat(problems("""
        a1.sources = r1
        a1.channels = c1
        a1.sources.r1.type = netcat
        a1.sources.r1.bind = localhost
        a1.sources.r1.port = 44444
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        """)).containsExactly("jobs/x.conf: a1.sinks: no sinks listed. Add 'a1.sinks = k1'.");
  }

  @Test
  void emptySourcesList() {
    assertThat(problems("""
        a1.sources =
        a1.channels = c1
        a1.sinks = k1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        """)).containsExactly("jobs/x.conf:1: a1.sources: no sources listed. Add 'a1.sources = <names>'.");
  }

  @Test
  void unknownTypeSuggestsTheClosestAndListsKnownTypes() {
    assertThat(problems(lab01().replace("type = netcat", "type = netcta"))).containsExactly(
        "jobs/x.conf:4: a1.sources.r1.type: unknown source type 'netcta'. Did you mean 'netcat'? " + known(SOURCE));
  }

  @Test
  void aliasOfAFlumeComponentFlumeLabLacksSaysSoAndNamesWhatItOffers() {
    assertThat(problems(lab01().replace("type = logger", "type = irc"))).containsExactly(
        "jobs/x.conf:7: a1.sinks.k1.type: Apache Flume's IRC sink is not in FlumeLab."
            + " FlumeLab offers instead: logger. " + known(SINK));
  }

  @Test
  void flumeClassWithoutFlumeLabCounterpartSaysSo() {
    assertThat(problems(lab01().replace("type = logger", "type = org.apache.flume.sink.kafka.KafkaSink")))
        .containsExactly("jobs/x.conf:7: a1.sinks.k1.type: Apache Flume's Kafka sink is not in"
            + " FlumeLab. " + known(SINK));
  }

  @Test
  void customClassNotFound() {
    assertThat(problems(lab01().replace("type = logger", "type = com.example.MissingSink"))).containsExactly(
        "jobs/x.conf:7: a1.sinks.k1.type: class 'com.example.MissingSink' not found (searched: the"
            + " agent's class path). Check the spelling, and put the jar that holds it in"
            + " plugins.d/<name>/lib (--plugins-path) or on the class path (-C).");
  }

  @Test
  void customClassOfTheWrongKind() {
    assertThat(problems(lab01().replace("type = netcat", "type = " + FIXTURE + "FixtureSink"))).containsExactly(
        "jobs/x.conf:4: a1.sources.r1.type: class 'io.flumelab.core.config.fixtures.FixtureSink' is not a source:"
            + " it implements io.flumelab.api.Sink. A source implements io.flumelab.api.Source.");
  }

  @Test
  void interceptorTypeNamingTheInterceptorInsteadOfItsBuilder() {
    assertThat(problems(lab01() + """
        a1.sources.r1.interceptors = i1
        a1.sources.r1.interceptors.i1.type = io.flumelab.core.config.fixtures.FixtureInterceptor
        """)).containsExactly(
        "jobs/x.conf:14: a1.sources.r1.interceptors.i1.type: class 'io.flumelab.core.config.fixtures.FixtureInterceptor'"
            + " is not an interceptor: it implements io.flumelab.api.Interceptor. Name its builder instead: 'io.flumelab.core.config.fixtures.FixtureInterceptor$Builder'.");
  }

  @Test
  void missingType() {
    assertThat(problems(lab01().replace("a1.sinks.k1.type = logger\n", ""))).containsExactly(
        "jobs/x.conf:11: a1.sinks.k1.type: sink 'k1' has no type. Add 'a1.sinks.k1.type = <type>'."
            + " " + known(SINK));
  }

  @Test
  void channelNotDeclared() {
    assertThat(problems(lab01().replace("a1.sources.r1.channels = c1", "a1.sources.r1.channels = mem")))
        .containsExactly("jobs/x.conf:11: a1.sources.r1.channels: channel 'mem' is not declared in a1.channels."
            + " Add it to a1.channels (line 3).");
  }

  @Test
  void channelNotDeclaredButCloseToOne() {
    assertThat(problems(lab01().replace("a1.sinks.k1.channel = c1", "a1.sinks.k1.channel = c2")))
        .containsExactly("jobs/x.conf:12: a1.sinks.k1.channel: channel 'c2' is not declared in a1.channels."
            + " Did you mean 'c1'?");
  }

  @Test
  void sourceWithoutChannels() {
    assertThat(problems(lab01().replace("a1.sources.r1.channels = c1\n", ""))).containsExactly(
        "jobs/x.conf:4: a1.sources.r1.channels: source 'r1' has no channels. Add 'a1.sources.r1.channels = c1'.");
  }

  @Test
  void sinkWithoutChannelAndWithThePluralKey() {
    assertThat(problems(lab01().replace("a1.sinks.k1.channel = c1", "a1.sinks.k1.channels = c1"))).containsExactly(
        "jobs/x.conf:7: a1.sinks.k1.channel: sink 'k1' has no channel. Add 'a1.sinks.k1.channel = c1'.",
        "jobs/x.conf:12: a1.sinks.k1.channels: unknown key 'channels' for sink type 'logger'. Did you mean 'channel'?");
  }

  @Test
  void sinkBoundToTwoChannels() {
    assertThat(problems("""
        a1.sources = r1
        a1.sinks = k1
        a1.channels = c1 c2
        a1.sources.r1.type = netcat
        a1.sources.r1.bind = localhost
        a1.sources.r1.port = 44444
        a1.sources.r1.channels = c1 c2
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1 c2
        a1.channels.c1.type = memory
        a1.channels.c2.type = memory
        """)).containsExactly(
        "jobs/x.conf:9: a1.sinks.k1.channel: a sink drains exactly one channel, not 2 (c1 c2). Give each channel"
            + " a sink of its own; a sink's 'channel' is singular, unlike a source's 'channels'.");
  }

  @Test
  void componentListedButNotConfigured() {
    assertThat(problems(lab01().replace("a1.sinks = k1", "a1.sinks = k1 k2"))).containsExactly(
        "jobs/x.conf:2: a1.sinks: sink 'k2' is listed but not configured. Add 'a1.sinks.k2.type = <type>'."
            + " " + known(SINK));
  }

  @Test
  void keysOfAnUnlistedComponentWithoutTypeAreAProblem() {
    assertThat(problems(lab01() + "a1.sources.r2.port = 5555\n")).containsExactly(
        "jobs/x.conf:13: a1.sources.r2.port: source 'r2' is not listed in a1.sources. Did you mean 'r1'?");
  }

  @Test
  void unlistedComponentWithTypeIsAWarning() {
    assertThat(problems(lab01() + """
        a1.sinks.debug.type = logger
        a1.sinks.debug.channel = c1
        """)).containsExactly(
        "jobs/x.conf:13: warning: a1.sinks.debug.type: sink 'debug' is configured but not listed in a1.sinks,"
            + " so it is ignored. Add it to a1.sinks (line 2) to run it.");
  }

  @Test
  void missingRequiredKey() {
    assertThat(problems(lab01().replace("a1.sources.r1.port = 44444\n", ""))).containsExactly(
        "jobs/x.conf:4: a1.sources.r1.port: missing required key 'port' for source type 'netcat'."
            + " Add 'a1.sources.r1.port = 44444'.");
  }

  @Test
  void unknownKeySuggestsTheClosestKnownKey() {
    assertThat(problems(lab01().replace(".capacity = 1000", ".capcity = 1000"))).containsExactly(
        "jobs/x.conf:9: a1.channels.c1.capcity: unknown key 'capcity' for channel type 'memory'. Did you mean 'capacity'?");
  }

  @Test
  void unknownKeyFarFromEveryKnownKeyListsThem() {
    assertThat(problems(lab01() + "a1.sinks.k1.colour = blue\n")).containsExactly(
        "jobs/x.conf:13: a1.sinks.k1.colour: unknown key 'colour' for sink type 'logger'."
            + " Known keys: maxBytesToLog, type, channel.");
  }

  @Test
  void badNumberWithAUnitSuffix() {
    assertThat(problems(lab01().replace("capacity = 1000", "capacity = 1k"))).containsExactly(
        "jobs/x.conf:9: a1.channels.c1.capacity: '1k' is not a whole number. Units are not understood;"
            + " write it in full: 1000.");
  }

  @Test
  void badBoolean() {
    assertThat(problems(lab01() + "a1.sources.r1.ack-every-event = yes\n")).containsExactly(
        "jobs/x.conf:13: a1.sources.r1.ack-every-event: 'yes' is not true or false. Write true or false.");
  }

  @Test
  void selectorMappingToUndeclaredChannelAndToChannelNotOfTheSource() {
    assertThat(problems("""
        a1.sources = r1
        a1.channels = c1 c2
        a1.sinks = k1 k2
        a1.sources.r1.type = netcat
        a1.sources.r1.bind = localhost
        a1.sources.r1.port = 44444
        a1.sources.r1.channels = c1
        a1.sources.r1.selector.type = multiplexing
        a1.sources.r1.selector.header = state
        a1.sources.r1.selector.mapping.CA = c1 c3
        a1.sources.r1.selector.mapping.AZ = c2
        a1.channels.c1.type = memory
        a1.channels.c2.type = memory
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        a1.sinks.k2.type = logger
        a1.sinks.k2.channel = c2
        """)).containsExactly(
        "jobs/x.conf:10: a1.sources.r1.selector.mapping.CA: channel 'c3' is not declared in a1.channels."
            + " Did you mean 'c1'?",
        "jobs/x.conf:11: a1.sources.r1.selector.mapping.AZ: channel 'c2' is not one of the channels of"
            + " source 'r1'. Add it to a1.sources.r1.channels (line 7).");
  }

  @Test
  void sinkGroupNamingAnUnknownSink() {
    assertThat(problems(lab01() + """
        a1.sinkgroups = g1
        a1.sinkgroups.g1.sinks = k1 backup
        a1.sinkgroups.g1.processor.type = failover
        """)).containsExactly(
        "jobs/x.conf:14: a1.sinkgroups.g1.sinks: sink 'backup' is not declared in a1.sinks. Add it to a1.sinks (line 2).");
  }

  @Test
  void sinkInTwoGroups() {
    assertThat(problems("""
        a1.sources = r1
        a1.channels = c1
        a1.sinks = k1 k2
        a1.sinkgroups = g1 g2
        a1.sources.r1.type = netcat
        a1.sources.r1.bind = localhost
        a1.sources.r1.port = 44444
        a1.sources.r1.channels = c1
        a1.channels.c1.type = memory
        a1.sinks.k1.type = logger
        a1.sinks.k1.channel = c1
        a1.sinks.k2.type = logger
        a1.sinks.k2.channel = c1
        a1.sinkgroups.g1.sinks = k1 k2
        a1.sinkgroups.g1.processor.type = failover
        a1.sinkgroups.g2.sinks = k2
        """)).containsExactly(
        "jobs/x.conf:16: a1.sinkgroups.g2.sinks: sink 'k2' is already in sink group 'g1' (line 14)."
            + " A sink can be in one group only.");
  }

  @Test
  void defaultProcessorGivenSeveralSinks() {
    assertThat(problems(lab01().replace("a1.sinks = k1", "a1.sinks = k1 k2") + """
        a1.sinks.k2.type = logger
        a1.sinks.k2.channel = c1
        a1.sinkgroups = g1
        a1.sinkgroups.g1.sinks = k1 k2
        """)).containsExactly(
        "jobs/x.conf:16: a1.sinkgroups.g1.sinks: the default sink processor drives exactly one sink, not 2;"
            + " put several sinks in a sink group with a failover or load_balance processor");
  }

  @Test
  void undefinedVariable() {
    assertThat(problems(lab01().replace("port = 44444", "port = ${NC_PORT}"))).containsExactly(
        "jobs/x.conf:6: a1.sources.r1.port: undefined variable ${NC_PORT}. Set the environment variable NC_PORT,"
            + " or start the agent with -DNC_PORT=<value>.");
  }

  @Test
  void undefinedEnvironmentVariable() {
    assertThat(problems(lab01().replace("bind = localhost", "bind = ${env:BIND_HOST}"))).containsExactly(
        "jobs/x.conf:5: a1.sources.r1.bind: undefined environment variable ${env:BIND_HOST}."
            + " Set the environment variable BIND_HOST before starting the agent.");
  }

  @Test
  void configurationExceptionFromConfigureIsReportedAtItsKey() {
    // a custom class has no declared settings: only its configure() can find the bad value
    assertThat(problems(lab01()
        .replace("a1.sources.r1.type = netcat", "a1.sources.r1.type = " + FIXTURE + "CustomSource")
        .replace("port = 44444", "port = 70000"))).containsExactly(
        "jobs/x.conf:6: a1.sources.r1.port: port 70000 is out of range. Use a port between 1 and 65535.");
  }

  @Test
  void numberFormatExceptionFromACustomComponentIsReportedAtTheKeyWithThatValue() {
    assertThat(problems(lab01()
        .replace("a1.channels.c1.type = memory", "a1.channels.c1.type = " + FIXTURE + "CustomChannel")
        .replace("capacity = 1000", "capacity = lots"))).containsExactly(
        "jobs/x.conf:9: a1.channels.c1.capacity: 'lots' is not a number. Write a plain number.");
  }

  @Test
  void illegalArgumentFromConfigureIsReportedAtTheTypeLine() {
    assertThat(problems(lab01().replace("bind = localhost", "bind = fail"))).containsExactly(
        "jobs/x.conf:4: a1.sources.r1: cannot bind to 'fail'");
  }

  @Test
  void unknownAgentKey() {
    assertThat(problems(lab01() + "a1.sink = k1\n")).containsExactly(
        "jobs/x.conf:13: a1.sink: unknown agent key 'sink'. Did you mean 'sinks'?");
  }

  @Test
  void duplicateKeyIsAWarningAndTheLaterValueWins() {
    assertThat(problems(lab01() + "a1.channels.c1.capacity = 2000\n")).containsExactly(
        "jobs/x.conf:13: warning: a1.channels.c1.capacity: set twice; this value replaces the one on line 9. Remove the line you do not mean.");
  }

  @Test
  void everyProblemIsReportedInOneRun() {
    assertThat(problems("""
        a1.sources = r1
        a1.sinks = k1
        a1.channels = c1
        a1.sources.r1.type = netcat
        a1.sources.r1.bind = localhost
        a1.sources.r1.port = 70000
        a1.sources.r1.channels = c1
        a1.sinks.k1.type = loger
        a1.sinks.k1.channel = c1
        a1.channels.c1.type = memory
        a1.channels.c1.capcity = 1000
        """)).containsExactly(
        "jobs/x.conf:6: a1.sources.r1.port: 70000 is not a port number (0 to 65535). Use a port "
            + "from 1024 to 65535, such as 44444.",
        "jobs/x.conf:8: a1.sinks.k1.type: unknown sink type 'loger'. Did you mean 'logger'? " + known(SINK),
        "jobs/x.conf:11: a1.channels.c1.capcity: unknown key 'capcity' for channel type 'memory'. Did you mean 'capacity'?");
  }

  @Test
  void intOutOfRange() {
    assertThat(problems(lab01().replace("capacity = 1000", "capacity = 3000000000"))).containsExactly(
        "jobs/x.conf:9: a1.channels.c1.capacity: '3000000000' is out of range for an int. Write a whole number no larger than 2147483647.");
  }

  @Test
  void interceptorKeysUnderAnUnlistedName() {
    assertThat(problems(lab01() + """
        a1.sources.r1.interceptors = ts
        a1.sources.r1.interceptors.ts.type = io.flumelab.core.config.fixtures.FixtureInterceptor$Builder
        a1.sources.r1.interceptors.tz.key = zone
        """)).containsExactly(
        "jobs/x.conf:15: a1.sources.r1.interceptors.tz.key: interceptor 'tz' is not listed in"
            + " a1.sources.r1.interceptors. Did you mean 'ts'?");
  }

  @Test
  void realComponentsConfigurationExceptionIsReportedAtItsKey() {
    assertThat(problems(lab01().replace("transactionCapacity = 100", "transactionCapacity = 2000"), REAL))
        .singleElement().asString()
        .startsWith("jobs/x.conf:10: a1.channels.c1.transactionCapacity: ")
        .endsWith(".");
  }

  /** The course's lab-01 config, 12 lines. */
  static String lab01() {
    return """
        a1.sources = r1
        a1.sinks = k1
        a1.channels = c1
        a1.sources.r1.type = netcat
        a1.sources.r1.bind = localhost
        a1.sources.r1.port = 44444
        a1.sinks.k1.type = logger
        a1.channels.c1.type = memory
        a1.channels.c1.capacity = 1000
        a1.channels.c1.transactionCapacity = 100
        a1.sources.r1.channels = c1
        a1.sinks.k1.channel = c1
        """;
  }
}
