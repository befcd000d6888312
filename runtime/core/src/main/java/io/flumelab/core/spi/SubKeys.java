package io.flumelab.core.spi;

import java.util.Optional;
import java.util.Set;

/**
 * The keys under a pass-through prefix, as the library they are passed to knows them: Kafka's
 * producer settings under {@code kafka.producer.}. Declared with
 * {@link ComponentSpec.Builder#passThrough(String, SubKeys)}, so {@code flume-ng check} reports an
 * unknown sub-key with a did-you-mean, and a value the library refuses with the library's message,
 * each at its line.
 */
public interface SubKeys {

  /** The sub-keys (prefix removed) the library knows. */
  Set<String> known();

  /** What the library says is wrong with the value of a known sub-key, or empty. */
  Optional<Setting.Problem> problem(String subKey, String value);
}
