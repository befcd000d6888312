package io.flumelab.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.flumelab.distribution.Machines.Background;
import io.flumelab.distribution.Machines.Result;
import io.flumelab.distribution.VagrantReadme.OnHost;
import io.flumelab.distribution.VagrantReadme.OnMachine;
import io.flumelab.distribution.VagrantReadme.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * vagrant/ rehearsed where no VM boots: the course's three machines as Linux namespaces
 * ({@code vagrant/rehearsal}), provisioned by the Vagrantfile's own scripts, running every command
 * of vagrant/README.md in its order (labs 06 and 07 across the machines, from the distribution this
 * build made), and a collector whose machine loses every process mid-stream and comes back without
 * losing an acknowledged line. Needs root; skipped with the reason elsewhere, failed in CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RehearsalIT {

  private static final Path CHECKOUT = Path.of(System.getProperty("rehearsal.checkout"))
      .toAbsolutePath().normalize();
  private static final Path STATE = Path.of(System.getProperty("rehearsal.state"));
  private static final Path HADOOP_JARS = Path.of(System.getProperty("rehearsal.hadoop.jars"))
      .toAbsolutePath().normalize();
  private static final String HADOOP_VERSION = System.getProperty("rehearsal.hadoop.version");
  private static final Path ARCHIVE = Path.of(System.getProperty("distribution.archive"));
  private static final Path VAGRANT = CHECKOUT.resolve("vagrant");
  /** The labs done, whose jobs the README's commands run: the reference solutions. */
  private static final Path FINISHED_LABS = CHECKOUT.resolve("answers");

  /** The README's sections with commands, each run by one test below. */
  private static final String UP = "Up";
  private static final String LAB_06 = "Lab 06 across the three machines";
  private static final String LAB_07 = "Lab 07 across the three machines";
  private static final String RESET = "Reset";
  /** The lines of the README's blocks that run on the student's computer, and what stands in. */
  private static final Set<String> ON_HOST = Set.of(
      "./mvnw package -pl distribution -DskipTests", // the archive this build made
      "cd vagrant",
      "vagrant up", // the Vagrantfile's provisioners on each machine
      "vagrant provision --provision-with base", // one of them again
      "vagrant provision --provision-with kafka",
      "vagrant destroy -f && vagrant up"); // new machines, provisioned
  /** The Vagrantfile's provisioners: every machine runs the first three, hadoop102 all five. */
  private static final List<String> PROVISIONERS = List.of("base", "hdfs", "kafka", "mysql",
      "gmond");
  private static final List<String> REHEARSED = PROVISIONERS.subList(0, 3);
  private static final Duration COMMAND_LIMIT = Duration.ofMinutes(3);

  /** Lab 06's upstream agents, and a collector on hadoop105 whose file channel survives a kill. */
  private static final String FLUME1 = "touch ~/group.log && cd /srv/flumelab && flume-ng agent"
      + " -c /opt/flumelab/conf -n a1 -f labs/06-fan-in/jobs/group3/flume1-logger-flume.conf"
      + " -DGROUP_LOG=$HOME/group.log";
  private static final String FLUME2 = "cd /srv/flumelab && flume-ng agent -c /opt/flumelab/conf"
      + " -n a2 -f labs/06-fan-in/jobs/group3/flume2-netcat-flume.conf";
  private static final String COLLECTOR = "mkdir -p ~/collector/out && cd /srv/flumelab"
      + " && flume-ng agent -c /opt/flumelab/conf -n a3 -f distribution/src/test/rehearsal/"
      + "collector.conf -DCOLLECTOR_DIR=$HOME/collector";
  private static final int LINES = 600;

  private Machines machines;
  private Map<String, List<Step>> readme;

  @BeforeAll
  void makeTheMachines() throws Exception {
    String missing = whatNamespacesNeed();
    if (missing != null) {
      if (System.getenv("CI") != null) {
        fail("the rehearsal of vagrant/ runs in CI, but this machine lacks " + missing);
      }
      Assumptions.abort("the rehearsal of vagrant/ makes network namespaces and mounts: it needs "
          + missing);
    }
    readme = VagrantReadme.read(VAGRANT.resolve("README.md"));
    machines = Machines.up(CHECKOUT, STATE, FINISHED_LABS);
  }

  @AfterAll
  void removeTheMachines() throws Exception {
    if (machines != null) {
      machines.close();
    }
  }

  @Test
  @Order(0)
  void everyCommandOfTheReadmeIsOneTheRehearsalRuns() {
    assertThat(readme.keySet()).as("the README's sections with commands, each run by a test here")
        .containsExactly(UP, LAB_06, LAB_07, RESET);
    Set<String> names = machineNames().keySet();
    readme.values().stream().flatMap(List::stream).forEach(step -> {
      if (step instanceof OnHost host) {
        assertThat(ON_HOST).as("a command the rehearsal knows how to stand in for").contains(
            host.line());
      } else if (step instanceof OnMachine machine) {
        assertThat(names).as("the machine of: " + machine.command()).contains(machine.machine());
      }
    });
  }

  @Test
  @Order(1)
  void upProvisionsTheMachinesAsTheVagrantfileDoes() throws Exception {
    runSection(UP);
  }

  @Test
  @Order(2)
  void lab06RunsAcrossTheThreeMachines() throws Exception {
    runSection(LAB_06);
  }

  @Test
  @Order(3)
  void killingEveryProcessOnTheCollectorsMachineLosesNoAcknowledgedLine() throws Exception {
    Background collector = startAgent("hadoop105", "kill-collector", COLLECTOR);
    List<Background> upstream = List.of(startAgent("hadoop103", "kill-flume1", FLUME1),
        startAgent("hadoop102", "kill-flume2", FLUME2));
    // numbered lines into both upstream agents, at a steady pace: one through flume-2's netcat
    // source, which answers OK for each line it committed, the other appended to flume-1's log
    Background sent = machines.start("hadoop102", "kill-nc", "bash", "-c",
        "for i in $(seq 1 " + LINES + "); do echo nc-$i; sleep 0.02; done"
            + " | nc -q 10 hadoop102 44444 > ~/acks");
    Background appended = machines.start("hadoop103", "kill-appends", "bash", "-c",
        "for i in $(seq 1 " + LINES + "); do echo file-$i >> ~/group.log; sleep 0.02; done");
    Path out = machines.home("hadoop105").resolve("collector/out");
    await("the collector writing 100 lines").atMost(COMMAND_LIMIT)
        .until(() -> collected(out).size() >= 100);

    machines.killEverything("hadoop105");
    await("every process on hadoop105 gone").atMost(Duration.ofSeconds(30))
        .until(() -> !collector.process().isAlive());
    int ackedAtKill = acks();
    int collectedAtKill = collected(out).size();
    // while hadoop105 is down, lines go on into flume-1 and flume-2, which keep them
    await("100 more lines acknowledged while hadoop105 is down").atMost(COMMAND_LIMIT)
        .until(() -> acks() >= ackedAtKill + 100 || !sent.process().isAlive());
    Result services = machines.run("hadoop105", COMMAND_LIMIT, "systemctl", "start",
        "hdfs-datanode", "kafka");
    assertThat(services.exit()).as(services.output()).isZero();
    Background restarted = startAgent("hadoop105", "kill-collector-restarted", COLLECTOR);
    await("the feeders finishing").atMost(COMMAND_LIMIT)
        .until(() -> !sent.process().isAlive() && !appended.process().isAlive());

    int acked = acks();
    assertThat(acked).as("lines flume-2's netcat source acknowledged").isEqualTo(LINES);
    Set<String> expected = new HashSet<>();
    IntStream.rangeClosed(1, LINES).forEach(i -> {
      expected.add("nc-" + i);
      expected.add("file-" + i);
    });
    try {
      await("every acknowledged line in the collector's files").atMost(COMMAND_LIMIT)
          .until(() -> new HashSet<>(collected(out)).containsAll(expected));
    } catch (ConditionTimeoutException e) {
      Set<String> lost = new HashSet<>(expected);
      collected(out).forEach(lost::remove);
      fail(lost.size() + " acknowledged lines lost, for example " + lost.stream().sorted()
          .limit(10).toList() + "; the restarted collector printed:\n" + restarted.tail());
    }
    List<String> lines = collected(out).stream().filter(expected::contains).toList();
    System.out.printf("rehearsal: every process on hadoop105 killed when the collector had "
        + "written %d of %d lines and flume-2 had acknowledged %d of its %d; after the restart: "
        + "%d acknowledged, %d lines written, lost 0, duplicated %d%n", collectedAtKill,
        2 * LINES, ackedAtKill, LINES, acked, lines.size(), lines.size() - expected.size());
    machines.stop(restarted, jobOf(restarted));
    for (Background agent : upstream) {
      machines.stop(agent, jobOf(agent));
    }
  }

  @Test
  @Order(4)
  void lab07RunsAcrossTheThreeMachines() throws Exception {
    runSection(LAB_07);
  }

  @Test
  @Order(5)
  void provisioningAgainAndStartingOverWorkAsTheReadmeSays() throws Exception {
    runSection(RESET);
  }

  /** Runs a README section's commands in order, as a student with a terminal per agent would. */
  private void runSection(String section) throws Exception {
    List<Step> steps = readme.get(section);
    assertThat(steps).as("commands of the README's section " + section).isNotEmpty();
    Map<Background, OnMachine> agents = new LinkedHashMap<>();
    for (Step step : steps) {
      if (step instanceof OnHost host) {
        standInFor(host.line());
      } else if (step instanceof OnMachine command && command.isAgent()) {
        String label = section.replaceAll("\\W+", "-") + "-" + (agents.size() + 1) + "-"
            + command.machine();
        agents.put(startAgent(command.machine(), label, command.command()), command);
      } else if (step instanceof OnMachine command) {
        runUntilItSucceeds(command);
      }
    }
    for (Map.Entry<Background, OnMachine> agent : agents.entrySet()) {
      for (String text : agent.getValue().prints()) {
        awaitOutput(agent.getKey(), text);
      }
    }
    for (Background agent : agents.keySet()) {
      machines.stop(agent, jobOf(agent));
    }
  }

  private void standInFor(String line) throws Exception {
    switch (line) {
      case "./mvnw package -pl distribution -DskipTests" ->
          assertThat(ARCHIVE).as("the archive this build made").isRegularFile();
      case "cd vagrant" -> { }
      case "vagrant up" -> provision(REHEARSED);
      case "vagrant provision --provision-with base" -> provision(List.of("base"));
      case "vagrant provision --provision-with kafka" -> provision(List.of("kafka"));
      case "vagrant destroy -f && vagrant up" -> {
        machines.close();
        machines = Machines.up(CHECKOUT, STATE, FINISHED_LABS);
        provision(REHEARSED);
      }
      default -> fail("the README's command '" + line + "' is not rehearsed");
    }
  }

  /** Runs provisioners on each machine, in the Vagrantfile's order of machines and of scripts. */
  private void provision(List<String> scripts) throws Exception {
    String vagrantfile = Files.readString(VAGRANT.resolve("Vagrantfile"));
    Matcher provisioner = Pattern.compile(
        "provision \"(\\w+)\", type: \"shell\", path: \"provision/(\\w+)\\.sh\"").matcher(
        vagrantfile);
    List<String> found = new ArrayList<>();
    while (provisioner.find()) {
      found.add(provisioner.group(2));
    }
    assertThat(found).as("the Vagrantfile's provisioners, as the rehearsal runs them")
        .isEqualTo(PROVISIONERS);
    String hostsFile = Files.readString(VAGRANT.resolve("hosts")).strip();
    for (Map.Entry<String, String> machine : machineNames().entrySet()) {
      if (scripts.contains("hdfs")) {
        installHadoop(machine.getKey());
      }
      for (String script : scripts) {
        long start = System.nanoTime();
        Result result = machines.run(machine.getKey(), COMMAND_LIMIT, "env",
            "FLUMELAB_HOSTS=" + hostsFile, "NODE_ID=" + machine.getValue(),
            "FLUMELAB_PACKAGES=present", "bash", "/srv/flumelab/vagrant/provision/" + script
                + ".sh");
        assertThat(result.exit()).as(script + ".sh on " + machine.getKey() + ":\n"
            + result.output()).isZero();
        System.out.printf("rehearsal: %s provisioned by %s.sh in %.1f s%n", machine.getKey(),
            script, (System.nanoTime() - start) / 1e9);
      }
    }
    if (scripts.equals(REHEARSED)) {
      System.out.println("rehearsal: " + PROVISIONERS.subList(3, 5) + " not rehearsed on "
          + "hadoop102: Debian's MariaDB and gmond services need systemd (the labs' tests run "
          + "both here)");
    }
  }

  /**
   * What hdfs.sh downloads, in its place: the stand-in bin/hdfs running the same Hadoop's classes
   * from this build's jars. hdfs.sh then finds Hadoop installed and goes on from there.
   */
  private void installHadoop(String machine) throws Exception {
    String hdfsScript = Files.readString(VAGRANT.resolve("provision/hdfs.sh"));
    assertThat(hdfsScript).as("the VMs run the Hadoop the build tests with")
        .contains("HADOOP_VERSION=" + HADOOP_VERSION + "\n");
    String home = "/opt/hadoop-" + HADOOP_VERSION;
    Result result = machines.run(machine, COMMAND_LIMIT, "bash", "-c", String.join(" && ",
        "mkdir -p " + home + "/bin " + home + "/etc/hadoop " + home + "/share",
        "cp /srv/flumelab/vagrant/rehearsal/hadoop/bin/hdfs " + home + "/bin/",
        "ln -sfn /srv/flumelab/" + CHECKOUT.relativize(HADOOP_JARS) + " " + home
            + "/share/hadoop"));
    assertThat(result.exit()).as(result.output()).isZero();
  }

  private Background startAgent(String machine, String label, String command) throws Exception {
    Background agent = machines.start(machine, label, "bash", "-c", command);
    Pattern started = Pattern.compile("Agent \\S+ started");
    await(label + " on " + machine + " starting").atMost(COMMAND_LIMIT)
        .until(() -> started.matcher(agent.output()).find() || !agent.process().isAlive());
    assertThat(agent.process().isAlive()).as(label + " on " + machine + " ended:\n"
        + agent.tail()).isTrue();
    return agent;
  }

  /** Runs a command until it exits 0 and prints what the README says, as a student retries. */
  private void runUntilItSucceeds(OnMachine command) {
    AtomicReference<Result> last = new AtomicReference<>();
    try {
      await(command.command()).atMost(COMMAND_LIMIT).pollInterval(Duration.ofSeconds(2))
          .until(() -> {
            Result result = machines.run(command.machine(), COMMAND_LIMIT, "bash", "-c",
                command.command());
            last.set(result);
            return result.exit() == 0 && command.prints().stream()
                .allMatch(result.output()::contains);
          });
    } catch (ConditionTimeoutException e) {
      Result result = last.get();
      fail("on " + command.machine() + ": " + command.command() + " did not succeed"
          + (command.prints().isEmpty() ? "" : " printing " + command.prints()) + " within "
          + COMMAND_LIMIT + "; last exit status " + (result == null ? "none" : result.exit()
          + ", output:\n" + result.output()));
    }
  }

  private static void awaitOutput(Background agent, String text) {
    try {
      await(agent.label() + " printing " + text).atMost(COMMAND_LIMIT)
          .until(() -> agent.output().contains(text));
    } catch (ConditionTimeoutException e) {
      fail(agent.label() + " on " + agent.machine() + " did not print \"" + text + "\" within "
          + COMMAND_LIMIT + "; it printed:\n" + agent.tail());
    }
  }

  /** The job file an agent's command names (-f), which its process's command line holds. */
  private static String jobOf(Background agent) {
    Matcher job = Pattern.compile("-f (\\S+)").matcher(agent.command());
    assertThat(job.find()).as("a job file in " + agent.command()).isTrue();
    return job.group(1);
  }

  /** The machines and their Kafka node ids, in the Vagrantfile's order. */
  private static Map<String, String> machineNames() {
    try {
      Matcher host = Pattern.compile("\"(hadoop\\d+)\" => \\{[^}]*node_id: (\\d+)").matcher(
          Files.readString(VAGRANT.resolve("Vagrantfile")));
      Map<String, String> names = new LinkedHashMap<>();
      while (host.find()) {
        names.put(host.group(1), host.group(2));
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many lines flume-2's netcat source has acknowledged (OK) so far. */
  private int acks() throws IOException {
    Path acks = machines.home("hadoop102").resolve("acks");
    return Files.exists(acks) ? (int) Files.readAllLines(acks).stream().filter("OK"::equals)
        .count() : 0;
  }

  /** Every line of every file the collector's file_roll sink wrote. */
  private static List<String> collected(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.sorted().toList()) {
        lines.addAll(Files.readAllLines(file));
      }
    }
    return lines;
  }

  /** What this machine lacks to make the rehearsal's namespaces, or null. */
  private static String whatNamespacesNeed() throws Exception {
    Process check = new ProcessBuilder("bash", "-c", String.join("; ",
        "[[ $(id -u) == 0 ]] || echo 'root (it is not)'",
        "for c in ip unshare nsenter nc; do command -v $c >/dev/null || echo \"the command $c\"; done"))
        .redirectErrorStream(true).start();
    String missing = new String(check.getInputStream().readAllBytes()).strip();
    check.waitFor();
    return missing.isEmpty() ? null : missing.replace("\n", ", ");
  }
}
