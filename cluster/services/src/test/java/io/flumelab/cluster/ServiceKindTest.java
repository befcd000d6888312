package io.flumelab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

class ServiceKindTest {

  @AfterEach
  void clear() {
    System.clearProperty("flumelab.backend");
    System.clearProperty("flumelab.ganglia.backend");
    System.clearProperty("flumelab.mysql.backend");
    System.clearProperty("flumelab.hdfs.backend");
  }

  @Test
  void autoPrefersTheLocalProgramElseEmbedded() {
    assertThat(ServiceKind.HDFS.chooseBackend()).isEqualTo(Backend.EMBEDDED);
    assertThat(ServiceKind.KAFKA.chooseBackend()).isEqualTo(Backend.EMBEDDED);
    assertThat(ServiceKind.MYSQL.chooseBackend())
        .isEqualTo(ServiceKind.MYSQL.localInstalled() ? Backend.LOCAL : Backend.EMBEDDED);
  }

  @Test
  void aGlobalPreferenceAppliesWhereTheServiceHasThatBackend() {
    System.setProperty("flumelab.backend", "embedded");
    assertThat(ServiceKind.MYSQL.chooseBackend()).isEqualTo(Backend.EMBEDDED);
    assertThat(ServiceKind.HDFS.chooseBackend()).isEqualTo(Backend.EMBEDDED);
    if (ServiceKind.GANGLIA.localInstalled()) {
      // gmond has no embedded engine: it keeps its local program
      assertThat(ServiceKind.GANGLIA.chooseBackend()).isEqualTo(Backend.LOCAL);
    }
  }

  @Test
  void aServiceWithoutTheChosenBackendSaysWhichItHas() {
    System.setProperty("flumelab.ganglia.backend", "embedded");
    assertThatThrownBy(ServiceKind.GANGLIA::chooseBackend).isInstanceOf(ServiceException.class)
        .hasMessage("ganglia has no embedded backend (flumelab.ganglia.backend); use one of "
            + "[local, containers] or auto");
  }

  @Test
  @DisabledIf("io.flumelab.cluster.containers.Docker#available")
  void containersWithoutDockerFailAtOnceWithWhatToDo() {
    System.setProperty("flumelab.backend", "containers");
    long begin = System.nanoTime();
    assertThatThrownBy(ServiceKind.KAFKA::chooseBackend)
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageStartingWith("kafka is set to run in a container (flumelab.backend) but Docker ")
        .hasMessageEndingWith("; start Docker, or unset flumelab.backend");
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aPreferenceForContainersLeavesHdfsEmbedded() {
    System.setProperty("flumelab.backend", "containers");
    assertThat(ServiceKind.HDFS.chooseBackend()).isEqualTo(Backend.EMBEDDED);
  }

  @Test
  void hdfsHasNoContainer() {
    System.setProperty("flumelab.hdfs.backend", "containers");
    assertThatThrownBy(ServiceKind.HDFS::chooseBackend).isInstanceOf(ServiceException.class)
        .hasMessage("hdfs has no containers backend (flumelab.hdfs.backend); use one of "
            + "[embedded] or auto");
  }

  @Test
  void anUnknownBackendIsNamed() {
    System.setProperty("flumelab.mysql.backend", "docker");
    assertThatThrownBy(ServiceKind.MYSQL::chooseBackend).isInstanceOf(ServiceException.class)
        .hasMessage("Unknown backend 'docker' in flumelab.mysql.backend; set flumelab.mysql.backend "
            + "to containers, local, embedded or auto");
  }
}
