package io.flumelab.cluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.cli.Session.ServiceEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {

  @TempDir
  Path dir;

  @Test
  void whatUpWritesStatusAndDownReadBack() {
    Session written = new Session(RecordedProcess.of(ProcessHandle.current()),
        Instant.parse("2026-01-02T03:04:05Z"), true, List.of("mysql", "kafka"),
        dir.resolve("conf/hosts"), dir.resolve("conf"),
        Optional.of(dir.resolve("run/work")), List.of(
            new ServiceEntry("mysql", "local", "/usr/sbin/mariadbd",
                List.of("jdbc:mysql://hadoop102:3306/mysqlsource user root/000000"),
                List.of("hadoop102:3306"), List.of(new RecordedProcess(4242, 1_700_000_000_000L))),
            new ServiceEntry("kafka", "embedded", "from Maven artifacts, nothing to install",
                List.of("hadoop102:9092,hadoop103:9092,hadoop105:9092"),
                List.of("hadoop102:9092", "hadoop103:9092", "hadoop105:9092"), List.of()),
            ServiceEntry.skipped("ganglia", "gmond not installed; install ganglia-monitor")));
    Path file = dir.resolve("run/up.properties");
    written.write(file);

    assertThat(Session.read(file)).contains(written);
    assertThat(Session.read(dir.resolve("none"))).isEmpty();
  }

  @Test
  void aRecordedProcessIsOnlyThatProcessNotAnotherWithItsPid() {
    RecordedProcess self = RecordedProcess.of(ProcessHandle.current());
    assertThat(self.isAlive()).isTrue();
    assertThat(RecordedProcess.parse(self.format())).isEqualTo(self);
    // the same pid started at another time is a different process: down must not signal it
    assertThat(new RecordedProcess(self.pid(), self.startMillis() - 60_000).isAlive()).isFalse();
  }
}
