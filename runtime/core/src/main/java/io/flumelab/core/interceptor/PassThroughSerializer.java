package io.flumelab.core.interceptor;

import io.flumelab.api.Context;

/** The default serializer: the group's text, as is. */
public final class PassThroughSerializer implements RegexExtractorInterceptorSerializer {

  @Override
  public void configure(Context context) {}

  @Override
  public String serialize(String value) {
    return value;
  }
}
