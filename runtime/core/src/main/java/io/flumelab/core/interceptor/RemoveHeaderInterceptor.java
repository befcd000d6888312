package io.flumelab.core.interceptor;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes headers: the one named {@code withName}, those listed in {@code fromList} (split by the
 * regex {@code fromListSeparator}, default {@code \s*,\s*}), and those whose whole name matches the
 * regex {@code matching}. Keys as in Flume 1.11; any combination may be set.
 */
public final class RemoveHeaderInterceptor extends EventModifier {

  /** The {@code remove_header} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.INTERCEPTOR, "remove_header", RemoveHeaderInterceptor.Builder.class)
      .flumeClass("org.apache.flume.interceptor.RemoveHeaderInterceptor$Builder")
      .settings(Setting.string("withName"),
          Setting.string("fromList"),
          Setting.string("fromListSeparator"),
          Setting.string("matching"))
      .build();


  private static final Logger LOG = LoggerFactory.getLogger(RemoveHeaderInterceptor.class);

  private final String[] names;
  private final Pattern matching;

  RemoveHeaderInterceptor(String[] names, Pattern matching) {
    this.names = names;
    this.matching = matching;
  }

  @Override
  void modify(Event event) {
    Map<String, String> headers = event.getHeaders();
    if (headers.isEmpty()) {
      return;
    }
    for (String name : names) {
      headers.remove(name);
    }
    if (matching != null) {
      Matcher matcher = null;
      for (Iterator<String> it = headers.keySet().iterator(); it.hasNext(); ) {
        String name = it.next();
        matcher = matcher == null ? matching.matcher(name) : matcher.reset(name);
        if (matcher.matches()) {
          it.remove();
        }
      }
    }
  }

  /**
   * Type {@code remove_header}, or Flume's
   * {@code org.apache.flume.interceptor.RemoveHeaderInterceptor$Builder}.
   */
  public static final class Builder implements Interceptor.Builder {
    private String[] names = new String[0];
    private Pattern matching;

    @Override
    public void configure(Context context) {
      Set<String> all = new LinkedHashSet<>();
      String withName = context.getString("withName");
      if (withName != null && !withName.isEmpty()) {
        all.add(withName);
      }
      String fromList = context.getString("fromList");
      if (fromList != null) {
        Pattern separator = Settings.regex(context, "fromListSeparator", "\\s*,\\s*");
        Arrays.stream(separator.split(fromList)).filter(s -> !s.isEmpty()).forEach(all::add);
      } else if (context.containsKey("fromListSeparator")) {
        Settings.regex(context, "fromListSeparator", null); // still report a bad one
      }
      String regex = context.getString("matching");
      matching = regex == null ? null : Settings.regex("matching", regex);
      names = all.toArray(new String[0]);
      if (names.length == 0 && matching == null) {
        LOG.warn("A remove_header interceptor has none of withName, fromList, matching: it removes nothing");
      }
    }

    @Override
    public Interceptor build() {
      return new RemoveHeaderInterceptor(names, matching);
    }
  }
}
