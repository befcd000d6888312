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
 * Sets one fixed header on every event, e.g. for a multiplexing selector to route by. Keys as in
 * Flume 1.11. Chain several for several headers.
 */
public final class StaticInterceptor extends EventModifier {

  static final Setting<String> KEY = Setting.string("key").defaultValue("key")
      .doc("the header's name");
  static final Setting<String> VALUE = Setting.string("value").defaultValue("value")
      .doc("the header's value");
  static final Setting<Boolean> PRESERVE_EXISTING = Setting.bool("preserveExisting")
      .defaultValue(true).doc("keep a value the header already has instead of overwriting it");

  public static final ComponentSpec SPEC =
      ComponentSpec.builder(INTERCEPTOR, "static", StaticInterceptor.Builder.class)
          .flumeClass("org.apache.flume.interceptor.StaticInterceptor$Builder")
          .settings(KEY, VALUE, PRESERVE_EXISTING)
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

  /**
   * Type {@code static}, or Flume's {@code org.apache.flume.interceptor.StaticInterceptor$Builder}.
   */
  public static final class Builder implements Interceptor.Builder {
    private String key = KEY.defaultValue();
    private String value = VALUE.defaultValue();
    private boolean preserveExisting = PRESERVE_EXISTING.defaultValue();

    @Override
    public void configure(Context context) {
      Settings settings = Settings.of(context, SPEC.alias() + " interceptor");
      key = settings.get(KEY);
      value = settings.get(VALUE);
      preserveExisting = settings.get(PRESERVE_EXISTING);
    }

    @Override
    public Interceptor build() {
      return new StaticInterceptor(key, value, preserveExisting);
    }
  }
}
