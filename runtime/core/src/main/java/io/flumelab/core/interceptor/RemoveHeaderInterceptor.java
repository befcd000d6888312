package io.flumelab.core.interceptor;

import static io.flumelab.core.spi.ComponentKind.INTERCEPTOR;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
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
 * Removes headers: the one named {@code withName}, those listed in {@code fromList}, and those
 * whose whole name matches the regex {@code matching}. Keys as in Flume 1.11; any combination may
 * be set.
 */
public final class RemoveHeaderInterceptor extends EventModifier {

  static final Setting<String> WITH_NAME = Setting.string("withName")
      .doc("the name of a header to remove");
  static final Setting<String> FROM_LIST = Setting.string("fromList")
      .doc("names of headers to remove, split by fromListSeparator");
  static final Setting<Pattern> FROM_LIST_SEPARATOR = Setting.regex("fromListSeparator")
      .defaultValue(Pattern.compile("\\s*,\\s*")).doc("the regex that separates names in fromList");
  static final Setting<Pattern> MATCHING = Setting.regex("matching")
      .doc("removes the headers whose whole name matches this regex");

  public static final ComponentSpec SPEC =
      ComponentSpec.builder(INTERCEPTOR, "remove_header", RemoveHeaderInterceptor.Builder.class)
          .flumeClass("org.apache.flume.interceptor.RemoveHeaderInterceptor$Builder")
          .settings(WITH_NAME, FROM_LIST, FROM_LIST_SEPARATOR, MATCHING)
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
      Settings settings = Settings.of(context, SPEC.alias() + " interceptor");
      String withName = settings.get(WITH_NAME);
      String fromList = settings.get(FROM_LIST);
      // read even without fromList, so that a bad separator is reported all the same
      Pattern separator = settings.get(FROM_LIST_SEPARATOR);
      matching = settings.get(MATCHING);
      Set<String> all = new LinkedHashSet<>();
      if (withName != null && !withName.isEmpty()) {
        all.add(withName);
      }
      if (fromList != null) {
        Arrays.stream(separator.split(fromList)).filter(s -> !s.isEmpty()).forEach(all::add);
      }
      names = all.toArray(new String[0]);
      if (names.length == 0 && matching == null) {
        LOG.warn("A remove_header interceptor has none of {}, {}, {}: it removes nothing",
            WITH_NAME.key(), FROM_LIST.key(), MATCHING.key());
      }
    }

    @Override
    public Interceptor build() {
      return new RemoveHeaderInterceptor(names, matching);
    }
  }
}
