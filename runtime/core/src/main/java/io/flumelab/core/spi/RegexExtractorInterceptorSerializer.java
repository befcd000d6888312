package io.flumelab.core.spi;

import io.flumelab.api.Configurable;

/**
 * Formats one group that a {@link RegexExtractorInterceptor} extracted, before it becomes a header
 * value. A custom one is named by class in {@code serializers.<s>.type}, needs a public no-argument
 * constructor, and is configured with its own keys ({@code serializers.<s>.*}, prefix removed).
 * A {@link io.flumelab.api.ConfigurationException} it throws is reported at its key.
 */
public interface RegexExtractorInterceptorSerializer extends Configurable {

  /** The header value for a group's text; an exception leaves the header unset for that event. */
  String serialize(String value);
}
