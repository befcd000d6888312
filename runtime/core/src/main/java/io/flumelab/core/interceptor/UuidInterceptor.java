package io.flumelab.core.interceptor;

import static io.flumelab.core.spi.ComponentKind.INTERCEPTOR;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.util.Map;
import java.util.UUID;

/**
 * Gives every event a random (version 4) UUID, so that events redelivered after a failure can be
 * recognised downstream. Keys as in Flume 1.11; {@code preserveExisting} is true by default, the
 * point being that an event keeps its first id across agents.
 */
public final class UuidInterceptor extends EventModifier {

  static final Setting<String> HEADER_NAME = Setting.string("headerName").defaultValue("id")
      .doc("the header the UUID goes to");
  static final Setting<String> PREFIX = Setting.string("prefix").defaultValue("")
      .doc("text put before each UUID");
  static final Setting<Boolean> PRESERVE_EXISTING = Setting.bool("preserveExisting")
      .defaultValue(true).doc("keep an id the event already has instead of overwriting it");

  public static final ComponentSpec SPEC =
      ComponentSpec.builder(INTERCEPTOR, "uuid", UuidInterceptor.Builder.class)
          .flumeClass("org.apache.flume.sink.solr.morphline.UUIDInterceptor$Builder")
          .settings(HEADER_NAME, PREFIX, PRESERVE_EXISTING)
          .build();

  private final String header;
  private final String prefix;
  private final boolean preserveExisting;

  UuidInterceptor(String header, String prefix, boolean preserveExisting) {
    this.header = header;
    this.prefix = prefix;
    this.preserveExisting = preserveExisting;
  }

  @Override
  void modify(Event event) {
    Map<String, String> headers = event.getHeaders();
    if (!preserveExisting || !headers.containsKey(header)) {
      String uuid = UUID.randomUUID().toString();
      headers.put(header, prefix.isEmpty() ? uuid : prefix + uuid);
    }
  }

  /**
   * Type {@code uuid} (a FlumeLab alias; Flume has none), or Flume's
   * {@code org.apache.flume.sink.solr.morphline.UUIDInterceptor$Builder}.
   */
  public static final class Builder implements Interceptor.Builder {
    private String header = HEADER_NAME.defaultValue();
    private String prefix = PREFIX.defaultValue();
    private boolean preserveExisting = PRESERVE_EXISTING.defaultValue();

    @Override
    public void configure(Context context) {
      Settings settings = Settings.of(context, SPEC.alias() + " interceptor");
      header = settings.get(HEADER_NAME);
      prefix = settings.get(PREFIX);
      preserveExisting = settings.get(PRESERVE_EXISTING);
    }

    @Override
    public Interceptor build() {
      return new UuidInterceptor(header, prefix, preserveExisting);
    }
  }
}
