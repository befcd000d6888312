package io.flumelab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsTest {

  @TempDir
  Path dir;

  @Test
  void theServicesFileMapsTheCourseHostsAndThisMachineToLoopback() throws IOException {
    Path file = Hosts.writeForServices(dir.resolve("hosts"));
    String own = Hosts.ownHostName();
    assertThat(Files.readAllLines(file)).contains(
        "127.0.1.102 hadoop102", "127.0.1.103 hadoop103", "127.0.1.105 hadoop105")
        .anySatisfy(line -> assertThat(line).startsWith("127.0.0.1 localhost"));
    assertThat(Files.readString(file)).contains(own);
  }

  @Test
  void onAHostThisMachinesNameIsThatHost() {
    String own = Hosts.ownHostName();
    String content = Hosts.content(Optional.of(LabHost.HADOOP105));
    assertThat(content).contains("127.0.1.105 hadoop105 " + own + "\n", "127.0.0.1 localhost\n")
        .doesNotContain("127.0.1.102 hadoop102 " + own);
    assertThat(Hosts.jvmOption(dir.resolve("h"))).isEqualTo("-Djdk.net.hosts.file=" + dir.resolve("h"));
  }

  @Test
  void hostsAreFoundByNameOnly() {
    assertThat(LabHost.named("Hadoop103")).isEqualTo(LabHost.HADOOP103);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabHost.named("hadoop104"))
        .hasMessageContaining("use one of hadoop102, hadoop103, hadoop105 or localhost");
  }
}
