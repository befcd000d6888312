package io.flumelab.testkit;

import io.flumelab.api.Context;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link Context} that notes every key a component asks for, so the kit can compare what a
 * component reads with what its spec declares.
 */
final class RecordingContext extends Context {

  private final Set<String> keysRead = new TreeSet<>();
  private final Set<String> prefixesRead = new TreeSet<>();
  private boolean readEverything;

  RecordingContext(Map<String, String> parameters) {
    super(parameters);
  }

  /** Keys asked for one by one. */
  Set<String> keysRead() {
    return keysRead;
  }

  /** Prefixes asked for with {@link #getSubProperties}. */
  Set<String> prefixesRead() {
    return prefixesRead;
  }

  /** Whether the component asked for all parameters at once, bypassing its declared keys. */
  boolean readEverything() {
    return readEverything;
  }

  @Override
  protected String get(String key) {
    keysRead.add(key);
    return super.get(key);
  }

  @Override
  public Map<String, String> getParameters() {
    readEverything = true;
    return super.getParameters();
  }

  @Override
  public Map<String, String> getSubProperties(String prefix) {
    prefixesRead.add(prefix);
    return super.getSubProperties(prefix);
  }

  @Override
  public boolean containsKey(String key) {
    keysRead.add(key);
    return super.containsKey(key);
  }
}
