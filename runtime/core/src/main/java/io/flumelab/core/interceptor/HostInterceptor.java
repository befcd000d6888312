package io.flumelab.core.interceptor;

import static io.flumelab.core.spi.ComponentKind.INTERCEPTOR;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Sets a header to this machine's IP address or host name, resolved once when the interceptor is
 * built. Keys as in Flume 1.11.
 *
 * <p>If the local host cannot be resolved, building fails with a fix; Flume instead runs on and
 * silently never sets the header.
 */
public final class HostInterceptor extends EventModifier {

  static final Setting<String> HOST_HEADER = Setting.string("hostHeader").defaultValue("host")
      .doc("the header the address or name goes to");
  static final Setting<Boolean> USE_IP = Setting.bool("useIP").defaultValue(true)
      .doc("true: this machine's IP address; false: its canonical host name");
  static final Setting<Boolean> PRESERVE_EXISTING = Setting.bool("preserveExisting")
      .defaultValue(false).doc("keep a value the header already has instead of overwriting it");

  public static final ComponentSpec SPEC =
      ComponentSpec.builder(INTERCEPTOR, "host", HostInterceptor.Builder.class)
          .flumeClass("org.apache.flume.interceptor.HostInterceptor$Builder")
          .settings(HOST_HEADER, USE_IP, PRESERVE_EXISTING)
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
    private String header = HOST_HEADER.defaultValue();
    private boolean useIp = USE_IP.defaultValue();
    private boolean preserveExisting = PRESERVE_EXISTING.defaultValue();
    LocalHost localHost = InetAddress::getLocalHost;

    @Override
    public void configure(Context context) {
      Settings settings = Settings.of(context, SPEC.alias() + " interceptor");
      header = settings.get(HOST_HEADER);
      useIp = settings.get(USE_IP);
      preserveExisting = settings.get(PRESERVE_EXISTING);
    }

    @Override
    public Interceptor build() {
      InetAddress address;
      try {
        address = localHost.get();
      } catch (UnknownHostException e) {
        throw new ConfigurationException(null, "host interceptor: cannot resolve this machine's"
            + " name (" + e.getMessage() + ")", "Map the host name to an address in /etc/hosts,"
            + " or use a static interceptor with the value you want");
      }
      String host = useIp ? address.getHostAddress() : address.getCanonicalHostName();
      return new HostInterceptor(header, host, preserveExisting);
    }
  }
}
