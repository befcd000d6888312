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

  private <T> T note(String key, T value) {
    keysRead.add(key);
    return value;
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
    return note(key, super.containsKey(key));
  }

  @Override
  public String getString(String key, String defaultValue) {
    return note(key, super.getString(key, defaultValue));
  }

  @Override
  public String getString(String key) {
    return note(key, super.getString(key));
  }

  @Override
  public Boolean getBoolean(String key, Boolean defaultValue) {
    return note(key, super.getBoolean(key, defaultValue));
  }

  @Override
  public Boolean getBoolean(String key) {
    return note(key, super.getBoolean(key));
  }

  @Override
  public Integer getInteger(String key, Integer defaultValue) {
    return note(key, super.getInteger(key, defaultValue));
  }

  @Override
  public Integer getInteger(String key) {
    return note(key, super.getInteger(key));
  }

  @Override
  public Long getLong(String key, Long defaultValue) {
    return note(key, super.getLong(key, defaultValue));
  }

  @Override
  public Long getLong(String key) {
    return note(key, super.getLong(key));
  }

  @Override
  public Float getFloat(String key, Float defaultValue) {
    return note(key, super.getFloat(key, defaultValue));
  }

  @Override
  public Float getFloat(String key) {
    return note(key, super.getFloat(key));
  }

  @Override
  public Double getDouble(String key, Double defaultValue) {
    return note(key, super.getDouble(key, defaultValue));
  }

  @Override
  public Double getDouble(String key) {
    return note(key, super.getDouble(key));
  }
}
