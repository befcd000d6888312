package io.flumelab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceKindTest {

  @AfterEach
  void clear() {
    System.clearProperty("flumelab.backend");
    System.clearProperty("flumelab.ganglia.backend");
    System.clearProperty("flumelab.mysql.backend");
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
        .hasMessage("ganglia has no embedded backend (flumelab.ganglia.backend); use one of [local] or auto");
  }

  @Test
  void containersAreRefusedWithWhatToDoInstead() {
    System.setProperty("flumelab.backend", "containers");
    assertThatThrownBy(ServiceKind.KAFKA::chooseBackend).isInstanceOf(ServiceException.class)
        .hasMessage("The containers backend (flumelab.backend=containers) is not available in this "
            + "FlumeLab version; unset flumelab.backend to run kafka embedded");
  }

  @Test
  void anUnknownBackendIsNamed() {
    System.setProperty("flumelab.mysql.backend", "docker");
    assertThatThrownBy(ServiceKind.MYSQL::chooseBackend).isInstanceOf(ServiceException.class)
        .hasMessage("Unknown backend 'docker' in flumelab.mysql.backend; set flumelab.mysql.backend "
            + "to containers, local, embedded or auto");
  }
}
