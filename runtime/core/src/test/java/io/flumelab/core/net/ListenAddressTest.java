package io.flumelab.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.FlumeException;
import io.flumelab.core.spi.ListenAddress;
import io.flumelab.core.spi.Settings;
import java.net.BindException;
import java.net.SocketException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The messages a source gives when it cannot listen: each names the source, cause and key. */
class ListenAddressTest {

  private final ListenAddress tcp =
      ListenAddress.resolve("Netcat source r1", "r1", "127.0.0.1", 80);

  @Test
  void explainsAPortInUse() {
    assertThat(tcp.bindFailure(new BindException("Address already in use")))
        .isEqualTo("Netcat source r1 cannot listen on 127.0.0.1:80: Address already in use. "
            + "Another agent or program uses the port; stop it or choose another port "
            + "(<agent>.sources.r1.port)");
    assertThat(tcp.overUdp().bindFailure(new BindException("Address already in use")))
        .isEqualTo("Netcat source r1 cannot listen on 127.0.0.1:80 (udp): Address already in use."
            + " Another agent or program uses this UDP port; stop it or choose another port "
            + "(<agent>.sources.r1.port)");
  }

  @Test
  void explainsAnAddressOfAnotherMachine() {
    BindException notLocal = new BindException("Cannot assign requested address");
    assertThat(tcp.bindFailure(notLocal)).isEqualTo("Netcat source r1 cannot listen on "
        + "127.0.0.1:80: Cannot assign requested address. 127.0.0.1 is not an address of this "
        + "machine; use one of its addresses, localhost or 0.0.0.0 (<agent>.sources.r1.bind)");
    assertThat(tcp.withoutNotLocalEcho().bindFailure(notLocal)).isEqualTo("Netcat source r1 "
        + "cannot listen on 127.0.0.1:80: 127.0.0.1 is not an address of this machine; use one "
        + "of its addresses, localhost or 0.0.0.0 (<agent>.sources.r1.bind)");
  }

  @Test
  void explainsAPrivilegedPort() {
    assertThat(tcp.bindFailure(new SocketException("Permission denied")))
        .isEqualTo("Netcat source r1 cannot listen on 127.0.0.1:80: Permission denied. Ports "
            + "below 1024 need administrator rights; choose a port from 1024 up "
            + "(<agent>.sources.r1.port)");
  }

  @Test
  void describesOtherCausesAsTheSourceChose() {
    String where = "Netcat source r1 cannot listen on 127.0.0.1:80: ";
    assertThat(tcp.bindFailure(new BindException("odd"))).isEqualTo(where + "odd");
    assertThat(tcp.bindFailure(new SocketException("odd")))
        .isEqualTo(where + "SocketException: odd");
    assertThat(tcp.bindFailure(null)).isEqualTo(where + "unknown error");
    assertThat(tcp.describingOtherCauses(Throwable::toString)
        .bindFailure(new SocketException("odd")))
        .isEqualTo(where + "java.net.SocketException: odd");
  }

  @Test
  void refusesAnUnknownHost() {
    assertThatThrownBy(
        () -> ListenAddress.resolve("Avro source r1", "r1", "no-such-host.invalid", 1))
        .isInstanceOf(FlumeException.class)
        .hasMessage("Avro source r1 cannot listen on no-such-host.invalid:1: the host name "
            + "no-such-host.invalid is unknown. Use an address of this machine, localhost or "
            + "0.0.0.0 (<agent>.sources.r1.bind)");
  }

  @Test
  void readsBindAndPortWithTheirFixes() {
    Settings settings = Settings.of(new Context(Map.of("bind", "0.0.0.0", "port", "6666")),
        "Netcat UDP source r1");
    assertThat(settings.get(ListenAddress.BIND)).isEqualTo("0.0.0.0");
    assertThat(settings.get(ListenAddress.port(6666))).isEqualTo(6666);
    assertThatThrownBy(() -> Settings.of(new Context(Map.of()), "Netcat source r1")
        .get(ListenAddress.BIND))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Netcat source r1 needs bind, the address to listen on")
        .extracting(e -> ((ConfigurationException) e).getFix()).isEqualTo("Add bind = localhost");
    assertThatThrownBy(() -> Settings.of(new Context(Map.of("port", "70000")),
        "Netcat UDP source r1").get(ListenAddress.port(6666)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Netcat UDP source r1: port 70000 is not a port number");
  }
}
