package io.flumelab.cluster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.PortCheck;
import io.flumelab.cluster.ServiceKind;
import io.flumelab.cluster.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/flumelab up, status and down as a user runs them, in two terminals: everything comes up with
 * its table, answers, and goes away leaving no process and no port behind, even after an up that
 * was killed with SIGKILL.
 */
class FlumeLabIT {

  private static final Duration START = Duration.ofSeconds(180);

  @TempDir
  Path state;

  @Test
  void upPrintsTheTableStatusSeesEveryServiceAnswerAndDownLeavesNothing()
      throws IOException, InterruptedException {
    boolean ganglia = ServiceKind.GANGLIA.localInstalled() || Settings.inCi();
    BinScript up = awaitUp(BinScript.start(state, Map.of(), "flumelab", "up", "--kafka", "1"));
    assertThat(up.out()).contains("hdfs: up in", "kafka: up in", "mysql: up in")
        .contains("hdfs://hadoop102:9000", "http://hadoop102:9870")
        .contains("jdbc:mysql://hadoop102:3306/mysqlsource user root/000000")
        .contains("hadoop102 -> 127.0.1.102", "hadoop103 -> 127.0.1.103", "hadoop105 -> 127.0.1.105")
        .contains("bin/flume-ng agent -c " + state.resolve("conf") + " -n a1 -f <job.conf>");
    assertThat(row(up, "kafka")).contains("embedded: from Maven artifacts", "hadoop102:9092")
        .doesNotContain("hadoop103:9092");
    assertThat(row(up, "mysql")).contains(ServiceKind.MYSQL.localInstalled()
        ? "local: /usr/sbin/mariadbd" : "embedded: mariadb-server not installed");
    assertThat(row(up, "ganglia")).contains(ganglia ? "local: " : "not running: ");
    if (ganglia) {
      assertThat(row(up, "ganglia")).contains("gmond hadoop102:8649");
    }
    // an agent started with -c <state>/conf finds the hosts file and the environment there
    assertThat(state.resolve("conf/hosts")).content().contains("127.0.1.102 hadoop102");
    assertThat(state.resolve("conf/flume-env.sh")).exists();

    Session session = Session.read(state.resolve("run/up.properties")).orElseThrow();
    assertThat(session.up().pid()).isEqualTo(up.pid());
    List<RecordedProcess> children = session.children();
    assertThat(children).hasSize(ServiceKind.MYSQL.localInstalled() ? (ganglia ? 2 : 1) : (ganglia ? 1 : 0));

    BinScript status = BinScript.run(state, "", "flumelab", "status");
    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.out()).contains("flumelab up: running (pid " + up.pid()).doesNotContain("NO:");
    assertThat(row(status, "hdfs")).endsWith("yes");
    assertThat(row(status, "kafka")).endsWith("yes");
    assertThat(row(status, "mysql")).endsWith("yes");
    // the NameNode UI's "Browse the file system" reads WebHDFS
    HttpResponse<String> root = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://hadoop102:9870/webhdfs/v1/?op=LISTSTATUS")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(root.statusCode()).as(root.body()).isEqualTo(200);
    assertThat(root.body()).contains("\"FileStatuses\"");

    BinScript down = BinScript.run(state, "", "flumelab", "down");
    assertThat(down.exitCode()).as(down.output()).isZero();
    assertThat(down.out()).contains("stopping flumelab up (pid " + up.pid() + ")", "its ports are free");
    up.awaitExit(Duration.ofSeconds(30));
    assertThat(up.exitCode()).as(up.output()).isZero();
    assertThat(up.out()).contains("flumelab: stopped in");
    // errors only: the first WebHDFS request started the NameNode's Jersey quietly
    assertThat(up.err()).doesNotContain("Jersey", "PackagesResourceConfig");

    assertNothingLeft(children);
    BinScript after = BinScript.run(state, "", "flumelab", "status");
    assertThat(after.exitCode()).isEqualTo(StatusCommand.NOT_RUNNING);
    assertThat(after.out()).contains("flumelab: not running");
  }

  @Test
  void downRemovesWhatAnUpKilledWithSigkillLeft() {
    Assumptions.assumeTrue(ServiceKind.MYSQL.localInstalled() || Settings.inCi(),
        "needs mariadb-server: apt-get install mariadb-server");
    BinScript up = awaitUp(BinScript.start(state, Map.of(), "flumelab", "up", "--only", "mysql"));
    List<RecordedProcess> children = Session.read(state.resolve("run/up.properties")).orElseThrow()
        .children();
    assertThat(children).hasSize(1);

    up.process().destroyForcibly();
    up.awaitExit(Duration.ofSeconds(10));
    // mariadbd outlives its parent
    assertThat(children.get(0).isAlive()).isTrue();

    BinScript status = BinScript.run(state, "", "flumelab", "status");
    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.out()).contains("is gone without stopping its services");

    BinScript down = BinScript.run(state, "", "flumelab", "down");
    assertThat(down.exitCode()).as(down.output()).isZero();
    assertThat(down.out()).contains("(pid " + up.pid() + ") is gone; removing what it left")
        .contains("mariadbd (pid " + children.get(0).pid() + ")", "its ports are free");
    assertNothingLeft(children);
    assertThat(state.resolve("run/work")).doesNotExist();
  }

  @Test
  void aPortInUseStopsUpWithTheReasonAndTheFix() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(LabHost.HADOOP102.inetAddress(), 9092));
      BinScript up = BinScript.start(state, Map.of(), "flumelab", "up", "--only", "hdfs,kafka", "--kafka", "1")
          .awaitExit(Duration.ofSeconds(90));
      assertThat(up.exitCode()).as(up.output()).isEqualTo(1);
      assertThat(up.err()).contains("flumelab: port 9092 on hadoop102 (127.0.1.102) is in use by "
          + "another program; stop it or set flumelab.kafka.port");
      // HDFS had started: it is stopped again
      assertThat(up.out()).contains("hdfs: up in");
      assertThatCode(() -> PortCheck.requireFree(LabHost.HADOOP102, 9000, "hdfs")).doesNotThrowAnyException();
      assertThat(state.resolve("run/up.properties")).doesNotExist();
    }
  }

  private static BinScript awaitUp(BinScript up) {
    Awaitility.await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> {
      if (!up.isAlive()) {
        throw new AssertionError("flumelab up exited with " + up.exitCode() + ":\n" + up.output());
      }
      return up.out().contains("Ctrl-C stops everything.");
    });
    return up;
  }

  /** The table row of a service: "mysql  local: /usr/sbin/mariadbd  jdbc:mysql://...". */
  private static String row(BinScript script, String service) {
    return script.stdout().stream().filter(line -> line.startsWith(service + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + service + " in:\n" + script.out()));
  }

  private static void assertNothingLeft(List<RecordedProcess> children) {
    for (RecordedProcess child : children) {
      assertThat(child.isAlive()).as("child pid %d", child.pid()).isFalse();
    }
    for (LabHost host : List.of(LabHost.HADOOP102)) {
      for (int port : new int[] {9000, 9870, 9092, 9093, 3306, 8649}) {
        assertThatCode(() -> PortCheck.requireFree(host, port, "port"))
            .as("%s:%d is free", host.name(), port).doesNotThrowAnyException();
      }
    }
  }
}
