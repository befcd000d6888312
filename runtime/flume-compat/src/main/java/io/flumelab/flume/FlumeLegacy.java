package io.flumelab.flume;

import com.google.common.collect.ImmutableMap;
import org.apache.flume.Context;

/**
 * What a plugin compiled against Apache Flume 1.9 or older calls instead of two methods whose
 * return type changed in Flume 1.10: {@code Context.getParameters()} and
 * {@code Context.getSubProperties(String)} returned Guava's {@code ImmutableMap}, now
 * {@code java.util.Map}. {@link FlumeLegacyCalls} rewrites those call sites to these, which return
 * the {@code ImmutableMap} the plugin was compiled to expect (Flume's own Guava, which the plugin
 * sees too). Public: the rewritten plugin classes call it from their own packages.
 */
public final class FlumeLegacy {

  private FlumeLegacy() {}

  public static ImmutableMap<String, String> getParameters(Context context) {
    return ImmutableMap.copyOf(context.getParameters());
  }

  public static ImmutableMap<String, String> getSubProperties(Context context, String prefix) {
    return ImmutableMap.copyOf(context.getSubProperties(prefix));
  }
}
