package io.flumelab.core.interceptor;

import static io.flumelab.core.spi.ComponentKind.INTERCEPTOR;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import io.flumelab.core.spi.Settings;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Rewrites the body as {@link Matcher#replaceAll(String)} does: every match of
 * {@code searchPattern} becomes {@code replaceString}, where {@code $1} and {@code ${name}} refer
 * to groups (the configuration keeps {@code ${name}} in this key as written instead of reading it
 * as a variable). Keys as in Flume 1.11; {@code replaceString} must be present, as in Flume, but may be
 * empty (delete the matches). A body with no match is left byte for byte as it was.
 */
public final class SearchAndReplaceInterceptor extends EventModifier {

  static final Setting<Pattern> SEARCH_PATTERN = Setting.regex("searchPattern")
      .required("^[A-Za-z0-9_]+").doc("the regex whose matches in the body are replaced");
  /**
   * Not {@link Setting#required}: an empty value is allowed (and means delete the matches), so
   * configure checks only that the key is there.
   */
  static final Setting<String> REPLACE_STRING = Setting.string("replaceString")
      .doc("what each match becomes, $1 or ${name} for a group (${name} here is never taken for a "
          + "variable; ${env:X} and ${sys:X} are); empty to delete the matches");
  static final Setting<Charset> CHARSET = Setting.charset("charset")
      .defaultValue(StandardCharsets.UTF_8).doc("the encoding the body is read and written in");

  public static final ComponentSpec SPEC = ComponentSpec
      .builder(INTERCEPTOR, "search_replace", SearchAndReplaceInterceptor.Builder.class)
      .flumeClass("org.apache.flume.interceptor.SearchAndReplaceInterceptor$Builder")
      .settings(SEARCH_PATTERN, REPLACE_STRING, CHARSET)
      .build();

  private final Pattern search;
  private final String replacement;
  private final Charset charset;

  SearchAndReplaceInterceptor(Pattern search, String replacement, Charset charset) {
    this.search = search;
    this.replacement = replacement;
    this.charset = charset;
  }

  @Override
  void modify(Event event) {
    String text = new String(event.getBody(), charset);
    String replaced = search.matcher(text).replaceAll(replacement);
    if (replaced != text) { // replaceAll returns its input itself when nothing matched
      event.setBody(replaced.getBytes(charset));
    }
  }

  /**
   * Type {@code search_replace}, or Flume's
   * {@code org.apache.flume.interceptor.SearchAndReplaceInterceptor$Builder}.
   */
  public static final class Builder implements Interceptor.Builder {
    private Pattern search;
    private String replacement;
    private Charset charset = CHARSET.defaultValue();

    @Override
    public void configure(Context context) {
      Settings settings = Settings.of(context, SPEC.alias() + " interceptor");
      search = settings.get(SEARCH_PATTERN);
      replacement = settings.get(REPLACE_STRING);
      charset = settings.get(CHARSET);
      if (replacement == null) {
        throw new ConfigurationException(REPLACE_STRING.key(), settings.owner() + " needs "
            + REPLACE_STRING.key() + ", what each match of " + SEARCH_PATTERN.key() + " becomes",
            "Add " + REPLACE_STRING.key() + " = <replacement>, or leave the value empty to delete"
            + " what " + SEARCH_PATTERN.key() + " matches");
      }
      checkGroupReferences(search, replacement);
    }

    @Override
    public Interceptor build() {
      if (search == null) {
        throw new IllegalStateException("configure() was not called");
      }
      return new SearchAndReplaceInterceptor(search, replacement, charset);
    }

    /**
     * Fails now, not on the first event, if the replacement refers to a group the pattern does not
     * have: it is tried on a match of the pattern widened with an empty alternative, which keeps
     * the groups and always matches the empty string. Patterns the widening does not fit (comment
     * mode, an open \Q) are not checked.
     */
    private static void checkGroupReferences(Pattern search, String replacement) {
      Matcher matcher;
      try {
        matcher = Pattern.compile("(?:" + search.pattern() + ")|", search.flags()).matcher("");
      } catch (PatternSyntaxException e) {
        return;
      }
      if (!matcher.find()) {
        return;
      }
      try {
        matcher.appendReplacement(new StringBuilder(), replacement);
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new ConfigurationException(REPLACE_STRING.key(), "'" + replacement + "' does not fit "
            + SEARCH_PATTERN.key() + ": " + e.getMessage(), "Refer only to groups "
            + SEARCH_PATTERN.key() + " has ($1 is its first (...)), and write \\$ for a literal $");
      }
    }
  }
}
