package io.flumelab.core.interceptor;

import static io.flumelab.core.spi.ComponentKind.INTERCEPTOR;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.util.Map;

/**
 * Sets a header to the time the event passes, in milliseconds since the epoch: what the HDFS
 * sink's {@code %Y-%m-%d} escapes read. Keys as in Flume 1.11.
 */
public final class TimestampInterceptor extends EventModifier {

  static final Setting<String> HEADER_NAME = Setting.string("headerName").defaultValue("timestamp")
      .doc("the header the time goes to");
  static final Setting<Boolean> PRESERVE_EXISTING = Setting.bool("preserveExisting")
      .defaultValue(false).doc("keep a value the header already has instead of overwriting it");

  public static final ComponentSpec SPEC =
      ComponentSpec.builder(INTERCEPTOR, "timestamp", TimestampInterceptor.Builder.class)
          .flumeClass("org.apache.flume.interceptor.TimestampInterceptor$Builder")
          .settings(HEADER_NAME, PRESERVE_EXISTING)
          .build();

  private final String header;
  private final boolean preserveExisting;

  TimestampInterceptor(String header, boolean preserveExisting) {
    this.header = header;
    this.preserveExisting = preserveExisting;
  }

  @Override
  void modify(Event event) {
    Map<String, String> headers = event.getHeaders();
    if (!preserveExisting || !headers.containsKey(header)) {
      headers.put(header, Long.toString(System.currentTimeMillis()));
    }
  }

  /**
   * Type {@code timestamp}, or Flume's
   * {@code org.apache.flume.interceptor.TimestampInterceptor$Builder}.
   */
  public static final class Builder implements Interceptor.Builder {
    private String header = HEADER_NAME.defaultValue();
    private boolean preserveExisting = PRESERVE_EXISTING.defaultValue();

    @Override
    public void configure(Context context) {
      Settings settings = Settings.of(context, SPEC.alias() + " interceptor");
      header = settings.get(HEADER_NAME);
      preserveExisting = settings.get(PRESERVE_EXISTING);
    }

    @Override
    public Interceptor build() {
      return new TimestampInterceptor(header, preserveExisting);
    }
  }
}
