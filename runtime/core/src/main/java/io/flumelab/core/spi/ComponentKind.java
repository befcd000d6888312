package io.flumelab.core.spi;

import io.flumelab.api.Channel;
import io.flumelab.api.Interceptor;
import io.flumelab.api.Sink;
import io.flumelab.api.Source;
import io.flumelab.core.spi.ChannelSelector;
import io.flumelab.core.spi.SinkProcessor;
import java.util.List;

/**
 * What a {@code type} names, the interface its class must implement, and the keys every component
 * of the kind has whatever its type.
 */
public enum ComponentKind {
  SOURCE("source", Source.class, null, List.of("type", "channels", "interceptors"),
      // checked against the selector's and the interceptors' own specs
      List.of("selector.", "interceptors.")),
  CHANNEL("channel", Channel.class, null, List.of("type"), List.of()),
  SINK("sink", Sink.class, null, List.of("type", "channel"), List.of()),
  SELECTOR("channel selector", ChannelSelector.class, "replicating", List.of("type"), List.of()),
  SINK_PROCESSOR("sink processor", SinkProcessor.class, "default", List.of("type"), List.of()),
  INTERCEPTOR("interceptor", Interceptor.Builder.class, null, List.of("type"), List.of());

  private final String label;
  private final Class<?> api;
  private final String defaultType;
  private final List<String> commonKeys;
  private final List<String> checkedElsewhere;

  ComponentKind(String label, Class<?> api, String defaultType, List<String> commonKeys,
      List<String> checkedElsewhere) {
    this.label = label;
    this.api = api;
    this.defaultType = defaultType;
    this.commonKeys = commonKeys;
    this.checkedElsewhere = checkedElsewhere;
  }

  /** "channel selector": used in messages. */
  public String label() {
    return label;
  }

  /** "a source", "an interceptor". */
  public String withArticle() {
    return ("aeiou".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
  }

  /** The interface a class named as this kind's type must implement. */
  public Class<?> api() {
    return api;
  }

  /** The type used when the configuration gives none, or null if a type is required. */
  public String defaultType() {
    return defaultType;
  }

  /** Keys every component of this kind accepts. */
  public List<String> commonKeys() {
    return commonKeys;
  }

  /** Key prefixes whose keys are validated by another component's spec, not this one's. */
  public List<String> checkedElsewhere() {
    return checkedElsewhere;
  }
}
