package io.flumelab.core.interceptor;

import static io.flumelab.core.spi.ComponentKind.INTERCEPTOR;

import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps or drops events by whether {@code regex} is found in the body, read as UTF-8. Keys as in
 * Flume 1.11. A batch in which nothing is dropped is returned as the same list.
 */
public final class RegexFilteringInterceptor implements Interceptor {

  static final Setting<Pattern> REGEX = Setting.regex("regex").defaultValue(Pattern.compile(".*"))
      .doc("the regex looked for in the body");
  static final Setting<Boolean> EXCLUDE_EVENTS = Setting.bool("excludeEvents").defaultValue(false)
      .doc("false: keep the events that match; true: drop them");

  public static final ComponentSpec SPEC =
      ComponentSpec.builder(INTERCEPTOR, "regex_filter", RegexFilteringInterceptor.Builder.class)
          .flumeClass("org.apache.flume.interceptor.RegexFilteringInterceptor$Builder")
          .settings(REGEX, EXCLUDE_EVENTS)
          .build();

  private final Pattern regex;
  private final boolean excludeEvents;
  /** The default regex is found in every body: no need to decode one. */
  private final boolean matchesAll;

  RegexFilteringInterceptor(Pattern regex, boolean excludeEvents) {
    this.regex = regex;
    this.excludeEvents = excludeEvents;
    this.matchesAll = regex.pattern().equals(".*") || regex.pattern().isEmpty();
  }

  @Override
  public void initialize() {}

  @Override
  public Event intercept(Event event) {
    return event != null && keeps(event) ? event : null;
  }

  @Override
  public List<Event> intercept(List<Event> events) {
    List<Event> kept = null; // allocated at the first drop
    int index = 0;
    for (Event event : events) {
      boolean keep = event != null && keeps(event);
      if (kept != null) {
        if (keep) {
          kept.add(event);
        }
      } else if (!keep) {
        kept = new ArrayList<>(events.size() - 1);
        kept.addAll(events.subList(0, index));
      }
      index++;
    }
    return kept == null ? events : kept;
  }

  private boolean keeps(Event event) {
    boolean found = matchesAll
        || regex.matcher(new String(event.getBody(), StandardCharsets.UTF_8)).find();
    return found != excludeEvents;
  }

  @Override
  public void close() {}

  /**
   * Type {@code regex_filter}, or Flume's
   * {@code org.apache.flume.interceptor.RegexFilteringInterceptor$Builder}.
   */
  public static final class Builder implements Interceptor.Builder {
    private Pattern regex = REGEX.defaultValue();
    private boolean excludeEvents = EXCLUDE_EVENTS.defaultValue();

    @Override
    public void configure(Context context) {
      Settings settings = Settings.of(context, SPEC.alias() + " interceptor");
      regex = settings.get(REGEX);
      excludeEvents = settings.get(EXCLUDE_EVENTS);
    }

    @Override
    public Interceptor build() {
      return new RegexFilteringInterceptor(regex, excludeEvents);
    }
  }
}
