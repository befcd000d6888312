package io.flumelab.core.interceptor;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Rewrites the body as {@link Matcher#replaceAll(String)} does: every match of
 * {@code searchPattern} becomes {@code replaceString}, where {@code $1} and {@code ${name}} refer to
 * groups. The body is read and written in {@code charset} (UTF-8). Keys as in Flume 1.11;
 * {@code searchPattern} and {@code replaceString} are required, the latter may be empty (delete the
 * matches). A body with no match is left byte for byte as it was.
 */
public final class SearchAndReplaceInterceptor extends EventModifier {

  /** The {@code search_replace} type: its keys, read by configure through {@link Settings}. */
  public static final ComponentSpec SPEC = ComponentSpec.builder(ComponentKind.INTERCEPTOR, "search_replace", SearchAndReplaceInterceptor.Builder.class)
      .flumeClass("org.apache.flume.interceptor.SearchAndReplaceInterceptor$Builder")
      .settings(Setting.string("searchPattern").required("<value>"),
          Setting.string("replaceString"),
          Setting.string("charset"))
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
    private Charset charset = StandardCharsets.UTF_8;

    @Override
    public void configure(Context context) {
      search = Settings.regex("searchPattern", Settings.required(context, "searchPattern", "key"));
      replacement = context.getString("replaceString");
      if (replacement == null) {
        throw new ConfigurationException("replaceString", "missing key 'replaceString'",
            "Add 'replaceString = <replacement>'; leave the value empty to delete what searchPattern matches");
      }
      checkGroupReferences(search, replacement);
      charset = Settings.charset(context, "charset", StandardCharsets.UTF_8);
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
        throw new ConfigurationException("replaceString", "'" + replacement + "' does not fit searchPattern: "
            + e.getMessage(),
            "Refer only to groups searchPattern has ($1 is its first (...)), and write \\$ for a literal $");
      }
    }
  }
}
