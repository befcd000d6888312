package io.flumelab.core.spi;

import io.flumelab.api.Context;
import java.util.Map;

/**
 * A component's configuration read through its declared {@link Setting}s: each value parsed,
 * checked and defaulted in one place, a bad one a {@link io.flumelab.api.ConfigurationException}
 * naming the key and the fix. Keys are read from the {@link Context} only when asked for, so what a
 * component reads is what it asks for (the component test kit relies on it).
 *
 * <pre>{@code
 * Settings settings = Settings.of(context, "Exec source " + getName());
 * batchSize = settings.get(BATCH_SIZE);
 * }</pre>
 */
public final class Settings {

  private final Context context;
  private final String owner;

  private Settings(Context context, String owner) {
    this.context = context;
    this.owner = owner;
  }

  /** @param owner the component as messages name it ("Exec source r1") */
  public static Settings of(Context context, String owner) {
    return new Settings(context, owner);
  }

  /** The setting's value, its default when unset, or an exception naming key and fix. */
  public <T> T get(Setting<T> setting) {
    return setting.valueOf(text(setting), owner);
  }

  /** Whether the file sets the key (under any of its spellings). */
  public boolean isSet(Setting<?> setting) {
    return text(setting) != null;
  }

  /** The spelling of the setting's key that the file uses, or its own key when unset. */
  public String keyOf(Setting<?> setting) {
    return setting.spellings().stream().filter(key -> context.getString(key) != null).findFirst()
        .orElse(setting.key());
  }

  /** The keys under a pass-through prefix, prefix removed ({@code kafka.producer.}). */
  public Map<String, String> under(String prefix) {
    return context.getSubProperties(prefix);
  }

  /** The component, as messages name it. */
  public String owner() {
    return owner;
  }

  private String text(Setting<?> setting) {
    for (String key : setting.spellings()) {
      String text = context.getString(key);
      if (text != null) {
        return text;
      }
    }
    return null;
  }
}
