package io.flumelab.core.interceptor;

import static io.flumelab.core.spi.ComponentKind.INTERCEPTOR;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.RegexExtractorInterceptorSerializer;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds {@code regex} in the body (read as UTF-8) and turns its groups into headers: group 1
 * through the first serializer listed in {@code serializers}, group 2 through the second, and so
 * on. Each serializer {@code s} has its keys under {@code serializers.s.}, checked by the builder:
 * the header's {@code name}, and a {@code type}: {@code default} (the text as is), {@code millis}
 * (see {@link MillisSerializer}), Flume's class names for either, or a custom
 * {@link RegexExtractorInterceptorSerializer}. Keys as in Flume 1.11.
 *
 * <p>Unlike Flume, a group that took no part in the match sets no header (Flume puts a null
 * value), and a value a serializer cannot format (a date that does not fit the pattern) leaves
 * that header unset, logged at WARN, instead of failing the source's whole batch.
 */
public final class RegexExtractorInterceptor extends EventModifier {

  static final Setting<Pattern> REGEX = Setting.regex("regex").required("^([0-9-]+) ([A-Z]+)")
      .doc("the regex found in the body; its groups become headers");
  static final Setting<String> SERIALIZERS = Setting.string("serializers").required("s1 s2")
      .doc("the serializers' names, one per group, in the groups' order");
  /** Each serializer's keys are under this prefix and its name: serializers.s1.name. */
  static final String SERIALIZERS_PREFIX = SERIALIZERS.key() + ".";

  /** A serializer's key, under {@code serializers.<name>.}. */
  static final Setting<String> SERIALIZER_NAME = Setting.string("name").required("timestamp")
      .doc("the header the group's value goes to");
  /** A serializer's key, under {@code serializers.<name>.}. */
  static final Setting<String> SERIALIZER_TYPE = Setting.string("type").defaultValue("default")
      .doc("default, millis, or the class of a RegexExtractorInterceptorSerializer");

  public static final ComponentSpec SPEC = ComponentSpec
      .builder(INTERCEPTOR, "regex_extractor", RegexExtractorInterceptor.Builder.class)
      .flumeClass("org.apache.flume.interceptor.RegexExtractorInterceptor$Builder")
      .settings(REGEX, SERIALIZERS)
      .passThrough(SERIALIZERS_PREFIX)
      .build();

  private static final Logger LOG = LoggerFactory.getLogger(RegexExtractorInterceptor.class);
  private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Pattern regex;
  private final String[] headers;
  private final RegexExtractorInterceptorSerializer[] serializers;
  private final AtomicLong nextWarn = new AtomicLong(System.nanoTime());

  RegexExtractorInterceptor(Pattern regex, String[] headers,
      RegexExtractorInterceptorSerializer[] serializers) {
    this.regex = regex;
    this.headers = headers;
    this.serializers = serializers;
  }

  @Override
  void modify(Event event) {
    Matcher matcher = regex.matcher(new String(event.getBody(), StandardCharsets.UTF_8));
    if (!matcher.find()) {
      return;
    }
    Map<String, String> eventHeaders = event.getHeaders();
    int groups = Math.min(matcher.groupCount(), serializers.length);
    for (int i = 0; i < groups; i++) {
      String text = matcher.group(i + 1);
      if (text == null) {
        continue;
      }
      try {
        eventHeaders.put(headers[i], serializers[i].serialize(text));
      } catch (RuntimeException e) {
        warn(headers[i], text, e);
      }
    }
  }

  private void warn(String header, String text, RuntimeException e) {
    long now = System.nanoTime();
    long next = nextWarn.get();
    if (now - next >= 0 && nextWarn.compareAndSet(next, now + WARN_INTERVAL_NANOS)) {
      LOG.warn("regex_extractor: header '{}' not set: cannot format '{}': {} (further failures are"
          + " logged at most every 10 s)", header, text, e.toString());
    }
  }

  /**
   * Type {@code regex_extractor}, or Flume's
   * {@code org.apache.flume.interceptor.RegexExtractorInterceptor$Builder}.
   */
  public static final class Builder implements Interceptor.Builder {
    private static final Set<String> PASS_THROUGH_TYPES = Set.of(
        "org.apache.flume.interceptor.RegexExtractorInterceptorPassThroughSerializer",
        PassThroughSerializer.class.getName());
    private static final Set<String> MILLIS_TYPES = Set.of("millis",
        "org.apache.flume.interceptor.RegexExtractorInterceptorMillisSerializer",
        MillisSerializer.class.getName());

    private Pattern regex;
    private String[] headers;
    private RegexExtractorInterceptorSerializer[] serializers;

    @Override
    public void configure(Context context) {
      Settings settings = Settings.of(context, SPEC.alias() + " interceptor");
      regex = settings.get(REGEX);
      List<String> names = List.of(settings.get(SERIALIZERS).split("\\s+"));
      for (String key : settings.under(SERIALIZERS_PREFIX).keySet()) {
        int dot = key.indexOf('.');
        String name = dot < 0 ? key : key.substring(0, dot);
        if (!names.contains(name)) {
          throw new ConfigurationException(SERIALIZERS_PREFIX + key, "serializer '" + name
              + "' is not listed in " + SERIALIZERS.key(), "List it in " + SERIALIZERS.key() + " ("
              + String.join(" ", names) + "), or remove its keys");
        }
      }
      headers = new String[names.size()];
      serializers = new RegexExtractorInterceptorSerializer[names.size()];
      for (int i = 0; i < names.size(); i++) {
        String prefix = SERIALIZERS_PREFIX + names.get(i) + ".";
        Context own = new Context(settings.under(prefix));
        Settings ownSettings = Settings.of(own, settings.owner() + ", serializer " + names.get(i));
        try {
          // the serializer first: a misspelt key is a better report than the key it misses
          serializers[i] = serializer(ownSettings.get(SERIALIZER_TYPE), own);
          headers[i] = ownSettings.get(SERIALIZER_NAME);
        } catch (ConfigurationException e) {
          String key = e.getKey() == null ? SERIALIZER_TYPE.key() : e.getKey();
          throw new ConfigurationException(prefix + key, e.getMessage(), e.getFix());
        }
      }
      int groups = regex.matcher("").groupCount();
      if (groups < names.size()) {
        LOG.warn("regex_extractor: regex '{}' has {} group(s) for {} serializers; serializers {}"
            + " are never used", regex, groups, names.size(), names.subList(groups, names.size()));
      }
    }

    @Override
    public Interceptor build() {
      if (regex == null) {
        throw new IllegalStateException("configure() was not called");
      }
      return new RegexExtractorInterceptor(regex, headers, serializers);
    }

    /** The configured serializer; a ConfigurationException names a key relative to it. */
    private static RegexExtractorInterceptorSerializer serializer(String type, Context own) {
      RegexExtractorInterceptorSerializer serializer;
      if (PASS_THROUGH_TYPES.contains(type)
          || type.equalsIgnoreCase(SERIALIZER_TYPE.defaultValue())) {
        onlyKeys(own, PassThroughSerializer.SETTINGS);
        serializer = new PassThroughSerializer();
      } else if (MILLIS_TYPES.contains(type)) {
        onlyKeys(own, MillisSerializer.SETTINGS);
        serializer = new MillisSerializer();
      } else {
        serializer = custom(type); // a custom serializer checks its own keys
      }
      serializer.configure(own);
      return serializer;
    }

    /** Fails at a key that neither every serializer nor this built-in one reads. */
    private static void onlyKeys(Context own, List<Setting<?>> serializerSettings) {
      List<String> known = new ArrayList<>();
      for (Setting<?> setting : serializerSettings) {
        known.addAll(setting.spellings());
      }
      known.addAll(SERIALIZER_NAME.spellings());
      known.addAll(SERIALIZER_TYPE.spellings());
      for (String key : own.getParameters().keySet()) {
        if (!known.contains(key)) {
          throw new ConfigurationException(key, "unknown key '" + key + "' for this serializer",
              "Known keys: " + String.join(", ", known.stream().sorted().toList()));
        }
      }
    }

    private static RegexExtractorInterceptorSerializer custom(String type) {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      Class<?> cls;
      try {
        cls = Class.forName(type, true, loader != null ? loader : Builder.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        throw new ConfigurationException(SERIALIZER_TYPE.key(), "serializer class '" + type
            + "' not found", "Use default or millis, or put the jar of your serializer on the"
            + " classpath (plugins.d)");
      }
      if (!RegexExtractorInterceptorSerializer.class.isAssignableFrom(cls)) {
        throw new ConfigurationException(SERIALIZER_TYPE.key(), "class '" + type
            + "' is not a regex_extractor serializer",
            "A serializer must implement " + RegexExtractorInterceptorSerializer.class.getName());
      }
      try {
        return (RegexExtractorInterceptorSerializer) cls.getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new ConfigurationException(SERIALIZER_TYPE.key(), "cannot create serializer '" + type
            + "': " + e,
            "Give it a public no-argument constructor");
      }
    }
  }
}
