package io.flumelab.core.interceptor;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Sets a header to this machine's IP address or host name, resolved once when the interceptor is
 * built. Keys, as in Flume 1.11: {@code hostHeader} (host), {@code useIP} (true: the address;
 * false: the canonical host name), {@code preserveExisting} (false: overwrite a value already
 * there).
 *
 * <p>If the local host cannot be resolved, building fails with a fix; Flume instead runs on and
 * silently never sets the header.
 */
public final class HostInterceptor extends EventModifier {

  /** The {@code host} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.INTERCEPTOR, "host", HostInterceptor.Builder.class)
      .flumeClass("org.apache.flume.interceptor.HostInterceptor$Builder")
      .settings(Setting.string("hostHeader"),
          Setting.bool("useIP"),
          Setting.bool("preserveExisting"))
      .build();


  private final String header;
  private final String host;
  private final boolean preserveExisting;

  HostInterceptor(String header, String host, boolean preserveExisting) {
    this.header = header;
    this.host = host;
    this.preserveExisting = preserveExisting;
  }

  /** The value this interceptor sets. */
  public String host() {
    return host;
  }

  @Override
  void modify(Event event) {
    Map<String, String> headers = event.getHeaders();
    if (preserveExisting) {
      headers.putIfAbsent(header, host);
    } else {
      headers.put(header, host);
    }
  }

  /** How the local host is found; a seam so that a failing lookup can be tested. */
  @FunctionalInterface
  interface LocalHost {
    InetAddress get() throws UnknownHostException;
  }

  /** Type {@code host}, or Flume's {@code org.apache.flume.interceptor.HostInterceptor$Builder}. */
  public static final class Builder implements Interceptor.Builder {
    private String header = "host";
    private boolean useIp = true;
    private boolean preserveExisting;
    LocalHost localHost = InetAddress::getLocalHost;

    @Override
    public void configure(Context context) {
      header = context.getString("hostHeader", "host");
      useIp = context.getBoolean("useIP", true);
      preserveExisting = context.getBoolean("preserveExisting", false);
    }

    @Override
    public Interceptor build() {
      InetAddress address;
      try {
        address = localHost.get();
      } catch (UnknownHostException e) {
        throw new ConfigurationException(null, "host interceptor: cannot resolve this machine's name ("
            + e.getMessage() + ")",
            "Map the host name to an address in /etc/hosts, or use a static interceptor with the value you want");
      }
      String host = useIp ? address.getHostAddress() : address.getCanonicalHostName();
      return new HostInterceptor(header, host, preserveExisting);
    }
  }
}
