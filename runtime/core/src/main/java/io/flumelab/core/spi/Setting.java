package io.flumelab.core.spi;

import io.flumelab.api.ConfigurationException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One key of a component, declared once beside the component's class: its type, default, rules,
 * whether it is required, Flume's other spellings of it, and a line of documentation. The checker
 * ({@code flume-ng check}) validates a file against it, the component reads its value through it
 * ({@link Settings#get}), and the component docs are generated from it, so none of these is written
 * twice.
 *
 * <pre>{@code
 * static final Setting<Integer> BATCH_SIZE = Setting.integer("batchSize").defaultValue(20)
 *     .check(Check.atLeast(1)).doc("lines per channel transaction");
 * }</pre>
 *
 * <p>Settings are immutable; each method returns a changed copy.
 */
public final class Setting<T> {

  /** What is wrong with a value, and what to write instead. */
  public static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String fix;

    public Problem(String message, String fix) {
      super(message, null, false, false);
      this.fix = fix;
    }

    public String fix() {
      return fix;
    }
  }

  private final String key;
  private final List<String> aliases;
  private final ValueType<T> type;
  private final Supplier<T> defaultValue;
  private final String defaultDoc;
  private final boolean required;
  private final String example;
  private final List<Check<? super T>> checks;
  private final String doc;
  private final List<String> deprecated;
  private final List<Check<? super T>> advisories;

  private Setting(String key, List<String> aliases, ValueType<T> type, Supplier<T> defaultValue,
      String defaultDoc, boolean required, String example, List<Check<? super T>> checks,
      String doc) {
    this(key, aliases, type, defaultValue, defaultDoc, required, example, checks, doc, List.of(),
        List.of());
  }

  private Setting(String key, List<String> aliases, ValueType<T> type, Supplier<T> defaultValue,
      String defaultDoc, boolean required, String example, List<Check<? super T>> checks,
      String doc, List<String> deprecated, List<Check<? super T>> advisories) {
    this.key = key;
    this.aliases = List.copyOf(aliases);
    this.type = type;
    this.defaultValue = defaultValue;
    this.defaultDoc = defaultDoc;
    this.required = required;
    this.example = example;
    this.checks = List.copyOf(checks);
    this.doc = doc;
    this.deprecated = List.copyOf(deprecated);
    this.advisories = List.copyOf(advisories);
  }

  public static <T> Setting<T> of(String key, ValueType<T> type) {
    return new Setting<>(key, List.of(), type, () -> null, null, false, null, List.of(), "");
  }

  public static Setting<String> string(String key) {
    return of(key, ValueType.STRING);
  }

  public static Setting<Integer> integer(String key) {
    return of(key, ValueType.INTEGER);
  }

  public static Setting<Long> longValue(String key) {
    return of(key, ValueType.LONG);
  }

  public static Setting<Double> decimal(String key) {
    return of(key, ValueType.DOUBLE);
  }

  public static Setting<Boolean> bool(String key) {
    return of(key, ValueType.BOOLEAN);
  }

  public static Setting<Charset> charset(String key) {
    return of(key, ValueType.CHARSET);
  }

  public static Setting<Pattern> regex(String key) {
    return of(key, ValueType.REGEX);
  }

  /** A TCP or UDP port, 0 to 65535. */
  public static Setting<Integer> port(String key) {
    return integer(key).check(Check.port());
  }

  /** A host name or address to bind or connect to. */
  public static Setting<String> host(String key) {
    return string(key).check(Check.host());
  }

  /** A duration in milliseconds, as Flume's keys give them: a plain number, 0 or more. */
  public static Setting<Long> millis(String key) {
    return longValue(key).check(Check.atLeast(0)).unit("ms");
  }

  /** A duration in seconds, 0 or more. */
  public static Setting<Long> seconds(String key) {
    return longValue(key).check(Check.atLeast(0)).unit("s");
  }

  public Setting<T> defaultValue(T value) {
    return new Setting<>(key, aliases, type, () -> value, null, required, example, checks, doc,
        deprecated, advisories);
  }

  /** A default worked out when read (such as a share of the heap), documented in words. */
  public Setting<T> defaultValue(Supplier<T> value, String inWords) {
    return new Setting<>(key, aliases, type, value, inWords, required, example, checks, doc,
        deprecated, advisories);
  }

  /** The key must be set; {@code example} is shown in the fix ({@code command = tail -F app.log}). */
  public Setting<T> required(String example) {
    return new Setting<>(key, aliases, type, defaultValue, defaultDoc, true, example, checks, doc,
        deprecated, advisories);
  }

  /** Another spelling Flume accepts for the same key ({@code keystore-password}). */
  public Setting<T> alias(String alias) {
    List<String> more = new ArrayList<>(aliases);
    more.add(alias);
    return new Setting<>(key, more, type, defaultValue, defaultDoc, required, example, checks, doc,
        deprecated, advisories);
  }

  /**
   * An old spelling that still works, with a warning naming today's key: Flume's deprecated keys
   * ({@code brokerList} for {@code kafka.bootstrap.servers}). When both are set, the key wins.
   */
  public Setting<T> deprecatedAlias(String oldKey) {
    List<String> more = new ArrayList<>(aliases);
    more.add(oldKey);
    List<String> old = new ArrayList<>(deprecated);
    old.add(oldKey);
    return new Setting<>(key, more, type, defaultValue, defaultDoc, required, example, checks, doc,
        old, advisories);
  }

  /**
   * A rule whose break is a warning, not an error: the value works, but probably not as meant (a
   * host this machine cannot resolve may resolve where the agent runs).
   */
  public Setting<T> warnUnless(Check<? super T> rule) {
    List<Check<? super T>> more = new ArrayList<>(advisories);
    more.add(rule);
    return new Setting<>(key, aliases, type, defaultValue, defaultDoc, required, example, checks,
        doc, deprecated, more);
  }

  public Setting<T> check(Check<? super T> rule) {
    List<Check<? super T>> more = new ArrayList<>(checks);
    more.add(rule);
    return new Setting<>(key, aliases, type, defaultValue, defaultDoc, required, example, more, doc,
        deprecated, advisories);
  }

  public Setting<T> doc(String text) {
    return new Setting<>(key, aliases, type, defaultValue, defaultDoc, required, example, checks, text,
        deprecated, advisories);
  }

  private Setting<T> unit(String unit) {
    return new Setting<>(key, aliases, new ValueType<>(type.name() + " (" + unit + ")", type.parser(),
        type.format(), type.lenient()), defaultValue, defaultDoc, required, example, checks, doc,
        deprecated, advisories);
  }

  public String key() {
    return key;
  }

  /** The key and its aliases. */
  public List<String> spellings() {
    List<String> all = new ArrayList<>(aliases.size() + 1);
    all.add(key);
    all.addAll(aliases);
    return all;
  }

  public List<String> aliases() {
    return aliases;
  }

  /** The aliases that are deprecated: accepted with a warning naming {@link #key}. */
  public List<String> deprecatedAliases() {
    return deprecated;
  }

  public List<Check<? super T>> advisories() {
    return advisories;
  }

  /**
   * The warning a well-formed value earns by breaking a {@link #warnUnless} rule, or empty. A
   * malformed value is {@link #problem}'s, so it earns no warning here.
   */
  public Optional<Problem> advice(String text) {
    if (text == null || text.isBlank() || advisories.isEmpty()) {
      return Optional.empty();
    }
    T value;
    try {
      value = parse(text.trim());
    } catch (Problem malformed) {
      return Optional.empty();
    }
    for (Check<? super T> rule : advisories) {
      if (!rule.holds().test(value)) {
        return Optional.of(new Problem(rule.problem().apply(value), rule.fix()));
      }
    }
    return Optional.empty();
  }

  public ValueType<T> type() {
    return type;
  }

  public boolean isRequired() {
    return required;
  }

  public Optional<String> example() {
    return Optional.ofNullable(example);
  }

  public String doc() {
    return doc;
  }

  public List<Check<? super T>> checks() {
    return checks;
  }

  /** The default value, or null when there is none. */
  public T defaultValue() {
    return defaultValue.get();
  }

  /** The default as the docs show it: in words, formatted, or empty when there is none. */
  public String defaultDoc() {
    if (defaultDoc != null) {
      return defaultDoc;
    }
    T value = defaultValue.get();
    return value == null ? "" : type.format().apply(value);
  }

  /**
   * What is wrong with a value written in a file, or empty when it is fine. Blank text is fine
   * here: whether the key may be blank is for {@link #isRequired}.
   */
  public Optional<Problem> problem(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      parse(text.trim());
      return Optional.empty();
    } catch (Problem problem) {
      return Optional.of(problem);
    }
  }

  /** Whether a problem of {@link #problem} still lets the component run (a lenient type's). */
  public boolean isLenient() {
    return type.lenient();
  }

  /**
   * The value of this setting for a component: the text's value, the default when the text is
   * absent or blank (and the setting not required), or a {@link ConfigurationException} naming the
   * key, what is wrong, and the fix.
   *
   * @param owner the component, as messages name it ("Exec source r1")
   */
  T valueOf(String text, String owner) {
    if (text == null || text.isBlank() && type != ValueType.STRING) {
      if (required) {
        throw new ConfigurationException(key, owner + " needs " + key
            + (doc.isEmpty() ? "" : ", " + doc), "Add " + key + " = " + example);
      }
      return defaultValue.get();
    }
    String trimmed = text.trim();
    if (required && trimmed.isEmpty()) {
      throw new ConfigurationException(key, owner + ": " + key + " is empty",
          "Add " + key + " = " + example);
    }
    T value;
    try {
      value = type.parser().parse(trimmed);
    } catch (Problem problem) {
      if (type.lenient()) {
        return type.lenientValue(trimmed);
      }
      throw new ConfigurationException(key, owner + ": " + key + ": " + problem.getMessage(),
          problem.fix() + defaultNote());
    }
    Problem broken = brokenRule(value);
    if (broken != null) {
      // a rule's message reads on from the key: "batchSize must be 1 or more, not 0"
      throw new ConfigurationException(key, owner + ": " + key + " " + broken.getMessage(),
          broken.fix() + defaultNote());
    }
    return value;
  }

  private T parse(String text) {
    T value = type.parser().parse(text);
    Problem broken = brokenRule(value);
    if (broken != null) {
      throw broken;
    }
    return value;
  }

  private Problem brokenRule(T value) {
    for (Check<? super T> rule : checks) {
      if (!rule.holds().test(value)) {
        return new Problem(rule.problem().apply(value), rule.fix());
      }
    }
    return null;
  }

  private String defaultNote() {
    String shown = defaultDoc();
    return required || shown.isEmpty() ? "" : " Or remove " + key + " to use the default, " + shown + ".";
  }

  @Override
  public String toString() {
    return key + " (" + type.name() + ")";
  }
}
