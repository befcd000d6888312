package io.flumelab.core.interceptor;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import java.util.Map;
import java.util.UUID;

/**
 * Gives every event a random (version 4) UUID, so that events redelivered after a failure can be
 * recognised downstream. Keys, as in Flume 1.11: {@code headerName} (id), {@code prefix} (empty:
 * prepended to the UUID), {@code preserveExisting} (true: keep an id already there, the point
 * being that an event keeps its first id across agents).
 */
public final class UuidInterceptor extends EventModifier {

  /** The {@code uuid} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.INTERCEPTOR, "uuid", UuidInterceptor.Builder.class)
      .flumeClass("org.apache.flume.sink.solr.morphline.UUIDInterceptor$Builder")
      .settings(Setting.string("headerName"),
          Setting.string("prefix"),
          Setting.bool("preserveExisting"))
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
    private String header = "id";
    private String prefix = "";
    private boolean preserveExisting = true;

    @Override
    public void configure(Context context) {
      header = context.getString("headerName", "id");
      prefix = context.getString("prefix", "");
      preserveExisting = context.getBoolean("preserveExisting", true);
    }

    @Override
    public Interceptor build() {
      return new UuidInterceptor(header, prefix, preserveExisting);
    }
  }
}
