package io.flumelab.core.interceptor;

import io.flumelab.api.Context;
import io.flumelab.core.spi.RegexExtractorInterceptorSerializer;
import io.flumelab.core.spi.Setting;
import java.util.List;

/** The default serializer: the group's text, as is. */
public final class PassThroughSerializer implements RegexExtractorInterceptorSerializer {

  /** It reads no keys of its own under {@code serializers.<name>.}, only name and type. */
  static final List<Setting<?>> SETTINGS = List.of();

  @Override
  public void configure(Context context) {}

  @Override
  public String serialize(String value) {
    return value;
  }
}
