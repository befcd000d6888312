package io.flumelab.cluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/flumelab status} run as a script waiting for the services runs it, while an
 * {@code up} is still starting: no service is up yet, so it must not exit 0. No service is
 * started: the session file is the one up writes before its first service comes up, with this
 * test's JVM as the live up process.
 */
class StatusScriptTest {

  @TempDir
  Path state;

  @Test
  void statusExitsStartingWhileUpHasNoServiceUpYet() throws IOException {
    ProcessHandle self = ProcessHandle.current();
    long startMillis = self.info().startInstant().orElseThrow().toEpochMilli();
    Path session = Files.createDirectories(state.resolve("run")).resolve("up.properties");
    Files.writeString(session, String.join("\n",
        "pid=" + self.pid() + "@" + startMillis,
        "started=" + Instant.now(),
        "ready=false",
        "expected=hdfs,kafka,mysql,ganglia",
        "hostsFile=" + state.resolve("conf/hosts"),
        "agentConf=" + state.resolve("conf"),
        "services=",
        ""));

    BinScript status = BinScript.run(state, "", "flumelab", "status");

    assertThat(status.exitCode()).as(status.output()).isEqualTo(4);
    assertThat(status.out()).contains("flumelab up: starting")
        .contains("still starting: hdfs, kafka, mysql, ganglia");
  }
}
