package io.flumelab.api;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The properties of one component, with the component's prefix already removed: for
 * {@code a1.sources.r1.port = 44444} the source r1 sees the key {@code port}. Typed getters return
 * the default (or null) when a key is absent and throw {@link NumberFormatException} on a value that
 * is not a number; the runtime reports that exception with the file, line and key.
 */
public class Context {

  private final Map<String, String> parameters;

  public Context() {
    this(Map.of());
  }

  public Context(Map<String, String> parameters) {
    this.parameters = Collections.synchronizedMap(new HashMap<>(parameters));
  }

  /** An unmodifiable copy of every key and value. */
  public Map<String, String> getParameters() {
    synchronized (parameters) {
      return Map.copyOf(parameters);
    }
  }

  /**
   * The keys under {@code prefix}, with the prefix removed: {@code getSubProperties("mapping.")}
   * turns {@code mapping.CZ = c1} into {@code CZ = c1}. The prefix must end with a dot.
   */
  public Map<String, String> getSubProperties(String prefix) {
    if (!prefix.endsWith(".")) {
      throw new IllegalArgumentException("The prefix '" + prefix + "' must end with '.'");
    }
    Map<String, String> result = new HashMap<>();
    synchronized (parameters) {
      parameters.forEach((key, value) -> {
        if (key.startsWith(prefix) && key.length() > prefix.length()) {
          result.put(key.substring(prefix.length()), value);
        }
      });
    }
    return Collections.unmodifiableMap(result);
  }

  public void clear() {
    parameters.clear();
  }

  public void put(String key, String value) {
    parameters.put(key, value);
  }

  public void putAll(Map<String, String> map) {
    parameters.putAll(map);
  }

  public boolean containsKey(String key) {
    return parameters.containsKey(key);
  }

  public String getString(String key, String defaultValue) {
    String value = get(key);
    return value == null ? defaultValue : value;
  }

  public String getString(String key) {
    return get(key);
  }

  public Boolean getBoolean(String key, Boolean defaultValue) {
    String value = get(key);
    return value == null ? defaultValue : Boolean.valueOf(value);
  }

  public Boolean getBoolean(String key) {
    return getBoolean(key, null);
  }

  public Integer getInteger(String key, Integer defaultValue) {
    String value = get(key);
    return value == null ? defaultValue : Integer.valueOf(value);
  }

  public Integer getInteger(String key) {
    return getInteger(key, null);
  }

  public Long getLong(String key, Long defaultValue) {
    String value = get(key);
    return value == null ? defaultValue : Long.valueOf(value);
  }

  public Long getLong(String key) {
    return getLong(key, null);
  }

  public Float getFloat(String key, Float defaultValue) {
    String value = get(key);
    return value == null ? defaultValue : Float.valueOf(value);
  }

  public Float getFloat(String key) {
    return getFloat(key, null);
  }

  public Double getDouble(String key, Double defaultValue) {
    String value = get(key);
    return value == null ? defaultValue : Double.valueOf(value);
  }

  public Double getDouble(String key) {
    return getDouble(key, null);
  }

  /** The trimmed value of a key, or null: every getter reads through here. */
  protected String get(String key) {
    String value = parameters.get(key);
    return value == null ? null : value.trim();
  }

  @Override
  public String toString() {
    return "{ parameters:" + getParameters() + " }";
  }
}
