package io.flumelab.core.interceptor;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.core.spi.RegexExtractorInterceptorSerializer;

/** A custom regex_extractor serializer, as a user would write one. */
public class UpperCaseSerializer implements RegexExtractorInterceptorSerializer {

  private String suffix;

  @Override
  public void configure(Context context) {
    suffix = context.getString("suffix", "");
    if (suffix.contains(" ")) {
      throw new ConfigurationException("suffix", "a suffix has no spaces", "Remove the spaces");
    }
  }

  @Override
  public String serialize(String value) {
    return value.toUpperCase(java.util.Locale.ROOT) + suffix;
  }
}
