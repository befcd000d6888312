package io.flumelab.core.interceptor;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import java.util.Map;

/**
 * Sets one fixed header on every event, e.g. for a multiplexing selector to route by. Keys, as in
 * Flume 1.11: {@code key} (key), {@code value} (value), {@code preserveExisting} (true: keep a
 * value already there). Chain several for several headers.
 */
public final class StaticInterceptor extends EventModifier {

  /** The {@code static} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.INTERCEPTOR, "static", StaticInterceptor.Builder.class)
      .flumeClass("org.apache.flume.interceptor.StaticInterceptor$Builder")
      .settings(Setting.string("key"),
          Setting.string("value"),
          Setting.bool("preserveExisting"))
      .build();


  private final String key;
  private final String value;
  private final boolean preserveExisting;

  StaticInterceptor(String key, String value, boolean preserveExisting) {
    this.key = key;
    this.value = value;
    this.preserveExisting = preserveExisting;
  }

  @Override
  void modify(Event event) {
    Map<String, String> headers = event.getHeaders();
    if (preserveExisting) {
      headers.putIfAbsent(key, value);
    } else {
      headers.put(key, value);
    }
  }

  /** Type {@code static}, or Flume's {@code org.apache.flume.interceptor.StaticInterceptor$Builder}. */
  public static final class Builder implements Interceptor.Builder {
    private String key = "key";
    private String value = "value";
    private boolean preserveExisting = true;

    @Override
    public void configure(Context context) {
      key = context.getString("key", "key");
      value = context.getString("value", "value");
      preserveExisting = context.getBoolean("preserveExisting", true);
    }

    @Override
    public Interceptor build() {
      return new StaticInterceptor(key, value, preserveExisting);
    }
  }
}
