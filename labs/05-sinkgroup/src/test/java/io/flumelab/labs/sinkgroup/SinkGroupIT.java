package io.flumelab.labs.sinkgroup;

import static io.flumelab.cluster.junit.On.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.AgentProcess;
import io.flumelab.harness.FlumeNgCli;
import io.flumelab.harness.Job;
import io.flumelab.harness.JobCheck;
import io.flumelab.harness.Lab;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.LineClient;
import io.flumelab.harness.LoggerSinkOutput;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@LabTest
@LabCluster
@DisplayName("Lab 05: a sink group balancing two agents, then failing over between them")
class SinkGroupIT {

  private static final Duration ARRIVES = Duration.ofSeconds(30);
  /** A line of flume-ng check's report: file, line, key ("warning: " before the key if one). */
  private static final Pattern PROBLEM =
      Pattern.compile("^.*:(\\d+): (?:warning: )?(a1\\.[^\\s:]+): ");

  private final Path flume1 = Lab.file("jobs/group2/flume-netcat-avro.conf");
  private final Path flume1Failover = Lab.file("jobs/group2/flume-netcat-avro-failover.conf");
  private final Path flume2 = Lab.file("jobs/group2/flume-avro-console1.conf");
  private final Path flume3 = Lab.file("jobs/group2/flume-avro-console2.conf");

  @Test
  @Tag("job")
  @Order(1)
  @Points(10)
  @DisplayName("the three jobs pass flume-ng check")
  void jobsAreValid() {
    for (Object[] job : new Object[][] {{flume1, "a1"}, {flume2, "a2"}, {flume3, "a3"}}) {
      FlumeNgCli.Result check = FlumeNgCli.check((Path) job[0], (String) job[1]);
      assertThat(check.exitCode()).as("bin/flume-ng check -f %s -n %s found problems:%n%s",
          job[0], job[1], check.output()).isZero();
    }
  }

  @Test
  @Tag("job")
  @Order(2)
  @Points(20)
  @DisplayName("flume-1 drains its channel through a sink group of its two avro sinks with a load_balance processor")
  void flume1HasALoadBalancingGroup() {
    requireSinkGroup();
  }

  @Test
  @Tag("job")
  @Order(3)
  @Points(10)
  @DisplayName("the group picks sinks at random and leaves a failed sink out for at most 10 s")
  void randomWithBackoff() {
    Job a1 = Job.read(flume1, "a1");
    Job.Component processor = a1.processorOf(requireSinkGroup());

    assertThat(processor.setting("selector"))
        .as("the processor's selector (Flume's default is round_robin)")
        .isEqualToIgnoringCase("random");
    assertThat(processor.flag("backoff", false))
        .as("the processor's backoff (%s; Flume's default is false)", processor.setting("backoff"))
        .isTrue();
    assertThat(processor.number("selector.maxTimeOut", 30_000))
        .as("the processor's selector.maxTimeOut (ms; Flume's default is 30000)")
        .isBetween(1L, 10_000L);
  }

  @Test
  @Order(4)
  @Points(10)
  @DisplayName("lines are spread over flume-2 and flume-3, each line printed exactly once")
  void linesAreSpreadOverBoth(LabAgents agents) {
    requireSinkGroup();
    List<AgentProcess> receivers = startAll(agents);
    sendUntilEachPrints(receivers, "warm-");
    List<String> lines = IntStream.range(0, 60).mapToObj(i -> "lb-" + i).toList();

    send(lines);

    awaitEachOnce(receivers, lines);
    for (AgentProcess receiver : receivers) {
      assertThat(lines.stream().filter(line -> printed(receiver, line) > 0).count())
          .as("lines %s printed (a random selector gives each some)", receiver.name())
          .isPositive();
    }
  }

  @Test
  @Order(5)
  @Points(10)
  @DisplayName("with flume-3 down every line arrives at flume-2; flume-3 back, it receives again")
  void aDeadSinkIsBackedOffFromAndTakenBack(LabAgents agents) {
    requireSinkGroup();
    List<AgentProcess> receivers = startAll(agents);
    AgentProcess a3 = receivers.get(1);
    assertThat(a3.stop()).as("flume-3 stopped").isZero();
    List<String> lines = IntStream.range(0, 30).mapToObj(i -> "alone-" + i).toList();

    send(lines);
    awaitEachOnce(List.of(receivers.get(0)), lines);

    a3.restart().awaitListening("hadoop102", 4142);
    // flume-1 leaves the failed sink out for a while (backoff, at most 10 s): keep sending
    awaitEachOnce(receivers, sendUntilEachPrints(List.of(a3), "back-"));
  }

  @Test
  @Tag("job")
  @Order(6)
  @Points(5)
  @DisplayName("the failover job passes flume-ng check without a warning")
  void failoverJobIsValid() {
    JobCheck.assertClean(flume1Failover, "a1", List.of());
  }

  @Test
  @Tag("job")
  @Order(7)
  @Points(15)
  @DisplayName("the failover job groups its two avro sinks under a failover processor, the sink to flume-2 of higher priority, a failed sink set aside for at most 10 s")
  void failoverGroupWithPriorities() {
    requireFailoverGroup();
  }

  @Test
  @Order(8)
  @Points(10)
  @DisplayName("failover: every line goes to flume-2, the sink of higher priority; flume-3 prints none")
  void everyLineGoesToTheHigherPriority(LabAgents agents) {
    requireFailoverGroup();
    List<AgentProcess> receivers = startAll(agents, flume1Failover);
    List<String> lines = IntStream.range(0, 50).mapToObj(i -> "first-" + i).toList();

    send(lines);

    awaitEachOnce(receivers, lines);
    assertThat(lines.stream().filter(line -> printed(receivers.get(1), line) > 0).toList())
        .as("the lines flume-3 printed while flume-2, of higher priority, was up").isEmpty();
  }

  @Test
  @Order(9)
  @Points(10)
  @DisplayName("failover: with flume-2 stopped every acknowledged line arrives at flume-3, none lost")
  void stoppingTheFirstMovesEveryLineToTheOther(LabAgents agents) {
    requireFailoverGroup();
    List<AgentProcess> receivers = startAll(agents, flume1Failover);
    List<String> before = IntStream.range(0, 20).mapToObj(i -> "before-" + i).toList();
    send(before);
    awaitEachOnce(List.of(receivers.get(0)), before);

    assertThat(receivers.get(0).stop()).as("flume-2 stopped").isZero();
    List<String> during = IntStream.range(0, 50).mapToObj(i -> "during-" + i).toList();
    send(during);

    awaitEachOnce(List.of(receivers.get(1)), during);
  }

  @Test
  @Order(10)
  @Points(10)
  @DisplayName("failover: flume-2 back, it takes every line again once its penalty is over")
  void theFirstTakesOverAgainAfterItsPenalty(LabAgents agents) {
    requireFailoverGroup();
    List<AgentProcess> receivers = startAll(agents, flume1Failover);
    AgentProcess a2 = receivers.get(0);
    assertThat(a2.stop()).as("flume-2 stopped").isZero();
    List<String> during = IntStream.range(0, 20).mapToObj(i -> "away-" + i).toList();
    send(during);
    awaitEachOnce(List.of(receivers.get(1)), during);

    a2.restart().awaitListening("hadoop102", 4141);
    // flume-1 tries flume-2 again once its penalty (maxpenalty at most) is over: keep sending
    awaitEachOnce(receivers, sendUntilEachPrints(List.of(a2), "return-", "flume-2 printed none "
        + "of the lines sent after its restart: does the failover group try a failed sink again "
        + "after at most 10 s (maxpenalty)?"));
    List<String> after = IntStream.range(0, 30).mapToObj(i -> "after-" + i).toList();
    send(after);

    awaitEachOnce(receivers, after);
    assertThat(after.stream().filter(line -> printed(receivers.get(1), line) > 0).toList())
        .as("the lines flume-3 printed after flume-2 took over again").isEmpty();
  }

  @Test
  @Order(11)
  @Points(10)
  @DisplayName("failover.* in questions.properties: what flume-ng check says of the two faulty failover groups in given/")
  void answersMatchCheck() {
    Properties answers = questions();
    List<String> wrong = new ArrayList<>();
    for (String fault : List.of("equal", "outside")) {
      String name = fault.equals("equal") ? "failover-equal-priorities.conf"
          : "failover-priority-outside.conf";
      FlumeNgCli.Result check = FlumeNgCli.check(Lab.given(name), "a1");
      TreeSet<String> keys = new TreeSet<>();
      TreeSet<String> lines = new TreeSet<>();
      check.output().lines().map(PROBLEM::matcher).filter(Matcher::find).forEach(problem -> {
        lines.add(problem.group(1));
        keys.add(problem.group(2));
      });
      assertThat(keys).as("the keys flume-ng check names in given/%s:%n%s", name, check.output())
          .isNotEmpty();
      compare(answers, "failover." + fault + ".status", Set.of(String.valueOf(check.exitCode())),
          wrong);
      compare(answers, "failover." + fault + ".key", keys, wrong);
      compare(answers, "failover." + fault + ".line", lines, wrong);
    }
    assertThat(wrong).as("the answers of questions.properties that differ from what flume-ng "
        + "check says").isEmpty();
  }

  /** questions.properties, every failover.* question answered. */
  private static Properties questions() {
    Path file = Lab.file("questions.properties");
    Properties answers = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      answers.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    List<String> unanswered = answers.stringPropertyNames().stream().sorted()
        .filter(key -> key.startsWith("failover.") && answers.getProperty(key).isBlank()).toList();
    assertThat(unanswered).as("the questions of %s not answered yet (write the answer after the "
        + "=)", file.getFileName()).isEmpty();
    return answers;
  }

  /** An answer: items in any order, separated by commas or blanks, in any case. */
  private static void compare(Properties answers, String key, Set<String> truth,
      List<String> wrong) {
    String answer = answers.getProperty(key, "").trim();
    Set<String> given = Arrays.stream(answer.toLowerCase(Locale.ROOT).split("[,\\s]+"))
        .filter(item -> !item.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    Set<String> expected = truth.stream().map(item -> item.toLowerCase(Locale.ROOT))
        .collect(Collectors.toCollection(TreeSet::new));
    if (!given.equals(expected)) {
      wrong.add(key + " = " + answer + ": flume-ng check: " + String.join(", ", truth));
    }
  }

  /**
   * The failover task: flume-1's two avro sinks in one group with a failover processor, each with
   * a priority, the one to flume-2 higher, and a penalty of at most 10 s.
   */
  private Job.Component requireFailoverGroup() {
    Job a1 = Job.read(flume1Failover, "a1");
    AvroGroup avro = groupOfBothAvroSinks(a1);
    Job.Component processor = a1.processorOf(avro.group());
    assertThat(processor.type()).as("the processor type of %s", avro.group())
        .isEqualTo("failover");
    String toFlume2 = "priority." + avro.toFlume2().name();
    String toFlume3 = "priority." + avro.toFlume3().name();
    assertThat(processor.setting(toFlume2)).as("%s of %s: the task gives each sink a priority",
        toFlume2, avro.group()).isNotNull();
    assertThat(processor.setting(toFlume3)).as("%s of %s: the task gives each sink a priority",
        toFlume3, avro.group()).isNotNull();
    assertThat(processor.number(toFlume2, 0))
        .as("%s (the sink to flume-2) against %s = %s: the higher priority takes every line",
            toFlume2, toFlume3, processor.setting(toFlume3))
        .isGreaterThan(processor.number(toFlume3, 0));
    assertThat(processor.number("maxpenalty", 30_000))
        .as("the processor's maxpenalty (ms; Flume's default is 30000)").isBetween(1L, 10_000L);
    return avro.group();
  }

  /** The load-balancing task: flume-1's group of its two avro sinks, load_balance processor. */
  private Job.Component requireSinkGroup() {
    Job a1 = Job.read(flume1, "a1");
    Job.Component group = groupOfBothAvroSinks(a1).group();
    assertThat(a1.processorOf(group).type()).as("the processor type of %s", group)
        .isEqualTo("load_balance");
    return group;
  }

  /** flume-1's group of two avro sinks, each named by the agent it sends to. */
  private record AvroGroup(Job.Component group, Job.Component toFlume2, Job.Component toFlume3) {}

  /**
   * The group of flume-1's two avro sinks, which must drain the netcat source's channel and send
   * one to each receiver: without a group two sinks on one channel would also share the lines.
   */
  private static AvroGroup groupOfBothAvroSinks(Job a1) {
    Job.Component netcat = a1.onlySource("netcat");
    List<Job.Component> fed = a1.sinksFedBy(netcat);
    assertThat(fed).as("the sinks that drain the channel of flume-1's %s; %s", netcat, a1.wiring())
        .hasSize(2).allMatch(sink -> sink.is("avro"), "is an avro sink");
    List<Job.Address> destinations = fed.stream().map(sink -> sink.address("hostname", "port"))
        .toList();
    assertThat(destinations.stream().anyMatch(to -> to.is("hadoop102", 4141))
        && destinations.stream().anyMatch(to -> to.is("hadoop102", 4142)))
        .as("where flume-1's avro sinks send (hostname, port): %s; one should send to flume-2 at "
            + "hadoop102:4141, the other to flume-3 at hadoop102:4142", destinations)
        .isTrue();
    Job.Component group = a1.groupOf(fed.get(0)).orElse(null);
    assertThat(group).as("the sink group of %s: flume-1 should put its two avro sinks in one "
        + "group; its groups: %s", fed.get(0), a1.sinkGroups()).isNotNull();
    assertThat(a1.sinksOfGroup(group)).as("the sinks of %s", group)
        .containsExactlyInAnyOrderElementsOf(fed);
    boolean firstToFlume2 = fed.get(0).address("hostname", "port").is("hadoop102", 4141);
    return new AvroGroup(group, fed.get(firstToFlume2 ? 0 : 1), fed.get(firstToFlume2 ? 1 : 0));
  }

  /** flume-3 and flume-2 first, then flume-1, all on hadoop102; returns [flume-2, flume-3]. */
  private List<AgentProcess> startAll(LabAgents agents) {
    return startAll(agents, flume1);
  }

  /** The same, flume-1 running {@code job}. */
  private List<AgentProcess> startAll(LabAgents agents, Path job) {
    AgentProcess a3 = agents.start("a3", flume3, on("hadoop102")).awaitListening("hadoop102", 4142);
    AgentProcess a2 = agents.start("a2", flume2, on("hadoop102")).awaitListening("hadoop102", 4141);
    agents.start("a1", job, on("hadoop102")).awaitListening("localhost", 44444);
    return List.of(a2, a3);
  }

  /**
   * Sends numbered lines, one at a time, until every one of the receivers printed one of them;
   * returns the lines sent. A sink that failed is left out for a while (backoff), so a receiver
   * may get nothing at first.
   */
  private static List<String> sendUntilEachPrints(List<AgentProcess> receivers, String prefix) {
    return sendUntilEachPrints(receivers, prefix, "not every receiver printed a line: is each "
        + "sink of the group used, and does the group back off from a failed sink for at most "
        + "10 s?");
  }

  /** The same, saying {@code why} when a receiver printed nothing in time. */
  static List<String> sendUntilEachPrints(List<AgentProcess> receivers, String prefix,
      String why) {
    List<String> sent = new ArrayList<>();
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(100)).until(() -> {
        String line = prefix + sent.size();
        send(List.of(line));
        sent.add(line);
        return receivers.stream().allMatch(receiver ->
            sent.stream().anyMatch(l -> printed(receiver, l) > 0));
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Within " + ARRIVES.toSeconds() + " s (" + sent.size() + " lines) "
          + why, e);
    }
    return sent;
  }

  /** One line at a time, each acknowledged, so the group chooses a sink for each small batch. */
  static void send(List<String> lines) {
    try (LineClient nc = LineClient.connect("localhost", 44444)) {
      for (String line : lines) {
        nc.send(line);
        assertThat(nc.readLine(Duration.ofSeconds(10))).as("the reply to '%s'", line)
            .isEqualTo("OK");
      }
    }
  }

  static void awaitEachOnce(List<AgentProcess> receivers, List<String> lines) {
    try {
      Awaitility.await().atMost(ARRIVES).pollInterval(Duration.ofMillis(200)).until(() ->
          lines.stream().allMatch(line -> total(receivers, line) >= 1));
    } catch (ConditionTimeoutException e) {
      List<String> missing = lines.stream().filter(line -> total(receivers, line) == 0).toList();
      throw new AssertionError(missing.size() + " of " + lines.size() + " lines were printed by "
          + "no receiver within " + ARRIVES.toSeconds() + " s, e.g. " + missing.get(0), e);
    }
    for (String line : lines) {
      assertThat(total(receivers, line)).as("times '%s' was printed", line).isEqualTo(1);
    }
  }

  static long total(List<AgentProcess> receivers, String line) {
    return receivers.stream().mapToLong(receiver -> printed(receiver, line)).sum();
  }

  static long printed(AgentProcess receiver, String line) {
    String event = LoggerSinkOutput.eventLine(line);
    return receiver.output().stream().filter(out -> out.contains(event)).count();
  }
}
