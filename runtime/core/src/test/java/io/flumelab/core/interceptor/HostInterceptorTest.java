package io.flumelab.core.interceptor;

import static io.flumelab.core.interceptor.Interceptors.build;
import static io.flumelab.core.interceptor.Interceptors.context;
import static io.flumelab.core.testing.TestData.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Interceptor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class HostInterceptorTest {

  @Test
  void setsThisMachinesAddressUnderHostByDefault() throws UnknownHostException {
    Interceptor interceptor = build(new HostInterceptor.Builder());

    assertThat(interceptor.intercept(event("x")).getHeaders())
        .containsEntry("host", InetAddress.getLocalHost().getHostAddress());
  }

  @Test
  void useIpFalseSetsTheCanonicalHostName() throws UnknownHostException {
    Interceptor interceptor = build(new HostInterceptor.Builder(), "useIP", "false", "hostHeader", "hostname");

    assertThat(interceptor.intercept(event("x")).getHeaders())
        .containsEntry("hostname", InetAddress.getLocalHost().getCanonicalHostName())
        .doesNotContainKey("host");
  }

  @Test
  void overwritesAnExistingValueByDefault() {
    Interceptor interceptor = build(new HostInterceptor.Builder());

    assertThat(interceptor.intercept(event("x", "host", "upstream")).getHeaders().get("host"))
        .isEqualTo(((HostInterceptor) interceptor).host());
  }

  @Test
  void preserveExistingKeepsTheUpstreamHost() {
    Interceptor interceptor = build(new HostInterceptor.Builder(), "preserveExisting", "true");

    assertThat(interceptor.intercept(event("x", "host", "upstream")).getHeaders()).containsEntry("host", "upstream");
  }

  @Test
  void theHostIsResolvedOnceWhenBuilt() {
    HostInterceptor.Builder builder = new HostInterceptor.Builder();
    int[] lookups = {0};
    builder.localHost = () -> {
      lookups[0]++;
      return InetAddress.getByAddress("box", new byte[] {10, 0, 0, 7});
    };
    Interceptor interceptor = build(builder);
    interceptor.intercept(event("a"));
    interceptor.intercept(event("b"));

    assertThat(interceptor.intercept(event("c")).getHeaders()).containsEntry("host", "10.0.0.7");
    assertThat(lookups[0]).isEqualTo(1);
  }

  @Test
  void anUnresolvableHostFailsTheBuildWithAFix() {
    HostInterceptor.Builder builder = new HostInterceptor.Builder();
    builder.localHost = () -> {
      throw new UnknownHostException("box: Name or service not known");
    };
    builder.configure(context());

    assertThatThrownBy(builder::build).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("cannot resolve this machine's name (box: Name or service not known)")
        .extracting(e -> ((ConfigurationException) e).getFix()).asString().contains("/etc/hosts");
  }
}
