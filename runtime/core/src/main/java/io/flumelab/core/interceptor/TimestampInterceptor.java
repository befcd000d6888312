package io.flumelab.core.interceptor;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import java.util.Map;

/**
 * Sets a header to the time the event passes, in milliseconds since the epoch: what the HDFS
 * sink's {@code %Y-%m-%d} escapes read. Keys, as in Flume 1.11: {@code headerName} (timestamp),
 * {@code preserveExisting} (false: overwrite a value already there).
 */
public final class TimestampInterceptor extends EventModifier {

  /** The {@code timestamp} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.INTERCEPTOR, "timestamp", TimestampInterceptor.Builder.class)
      .flumeClass("org.apache.flume.interceptor.TimestampInterceptor$Builder")
      .settings(Setting.string("headerName"),
          Setting.bool("preserveExisting"))
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

  /** Type {@code timestamp}, or Flume's {@code org.apache.flume.interceptor.TimestampInterceptor$Builder}. */
  public static final class Builder implements Interceptor.Builder {
    private String header = "timestamp";
    private boolean preserveExisting;

    @Override
    public void configure(Context context) {
      header = context.getString("headerName", "timestamp");
      preserveExisting = context.getBoolean("preserveExisting", false);
    }

    @Override
    public Interceptor build() {
      return new TimestampInterceptor(header, preserveExisting);
    }
  }
}
