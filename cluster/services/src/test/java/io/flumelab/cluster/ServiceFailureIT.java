package io.flumelab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.flumelab.cluster.ganglia.LocalGanglia;
import io.flumelab.cluster.kafka.EmbeddedKafka;
import io.flumelab.cluster.mysql.LocalMysql;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A service that cannot start says why and what to do, within seconds; nothing is left running. */
class ServiceFailureIT {

  private static final Duration FAST = Duration.ofSeconds(10);

  @Test
  void kafkaPortTakenOnOneHost() throws IOException {
    try (ServerSocket taken = listen(LabHost.HADOOP103, 9092)) {
      EmbeddedKafka kafka = new EmbeddedKafka(3);
      assertTimeoutPreemptively(FAST, () -> assertThatThrownBy(kafka::start)
          .isInstanceOf(ServiceException.class)
          .hasMessage("port 9092 on hadoop103 (127.0.1.103) is in use by another program; "
              + "stop it or set flumelab.kafka.port"));
      assertThat(kafka.status()).isEqualTo(Service.Status.STOPPED);
    }
  }

  @Test
  void mysqlPortTaken() throws IOException {
    try (ServerSocket taken = listen(LabHost.HADOOP102, 3306)) {
      assertTimeoutPreemptively(FAST, () -> assertThatThrownBy(() -> new LocalMysql().start())
          .isInstanceOf(ServiceException.class)
          .hasMessage("port 3306 on hadoop102 (127.0.1.102) is in use by another program; "
              + "stop it or set flumelab.mysql.port"));
    }
  }

  @Test
  void gmondUdpPortTaken() throws IOException {
    try (DatagramSocket taken = new DatagramSocket(
        new InetSocketAddress(LabHost.HADOOP102.inetAddress(), 8649))) {
      assertTimeoutPreemptively(FAST, () -> assertThatThrownBy(() -> new LocalGanglia().start())
          .hasMessageContaining("port 8649 on hadoop102 (127.0.1.102) is in use")
          .hasMessageContaining("flumelab.ganglia.port"));
    }
  }

  @Test
  void aPortSettingThatIsNotANumberIsNamed() {
    System.setProperty("flumelab.mysql.port", "33o6");
    try {
      assertThatThrownBy(LocalMysql::new).isInstanceOf(ServiceException.class)
          .hasMessage("Bad port '33o6' in flumelab.mysql.port; set flumelab.mysql.port to a number "
              + "from 1 to 65535");
    } finally {
      System.clearProperty("flumelab.mysql.port");
    }
  }

  @Test
  void theCourseHostsResolveInThisJvm() {
    HostsCheck.requireCourseHosts();
    assertThat(Hosts.applied()).isPresent();
  }

  private static ServerSocket listen(LabHost host, int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(host.inetAddress(), port));
    return socket;
  }
}
