package io.flumelab.core.interceptor;

import static io.flumelab.core.interceptor.Interceptors.build;
import static io.flumelab.core.testing.TestData.body;
import static io.flumelab.core.testing.TestData.event;
import static io.flumelab.core.testing.TestData.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.Interceptor;
import io.flumelab.core.testing.TestData;
import java.nio.charset.Charset;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class SearchAndReplaceInterceptorTest {

  @Test
  void emptyReplacementDeletesMatches() {
    Interceptor interceptor = build(new SearchAndReplaceInterceptor.Builder(),
        "searchPattern", "^[A-Za-z0-9_]+", "replaceString", "");

    assertThat(body(interceptor.intercept(event("abc_12 rest of line")))).isEqualTo(" rest of line");
  }

  @Test
  void groupsCanBeReordered() {
    Interceptor interceptor = build(new SearchAndReplaceInterceptor.Builder(),
        "searchPattern", "The quick brown ([a-z]+) jumped over the lazy ([a-z]+)",
        "replaceString", "The hungry $2 ate the careless $1");

    assertThat(body(interceptor.intercept(event("The quick brown fox jumped over the lazy dog"))))
        .isEqualTo("The hungry dog ate the careless fox");
  }

  @Test
  void everyMatchIsReplacedInEveryEventOfABatch() {
    Interceptor interceptor = build(new SearchAndReplaceInterceptor.Builder(),
        "searchPattern", "\\d", "replaceString", "#");
    List<Event> events = events("a1b2", "none", "3");

    assertThat(interceptor.intercept(events)).isSameAs(events).extracting(TestData::body)
        .containsExactly("a#b#", "none", "#");
  }

  @Test
  void aBodyWithoutAMatchKeepsItsBytes() {
    Interceptor interceptor = build(new SearchAndReplaceInterceptor.Builder(),
        "searchPattern", "x", "replaceString", "y");
    byte[] notUtf8 = {(byte) 0xff, 'a', (byte) 0xfe};
    Event event = EventBuilder.withBody(notUtf8);

    assertThat(interceptor.intercept(event).getBody()).isSameAs(notUtf8);
  }

  @Test
  void charsetIsUsedToReadAndWriteTheBody() {
    Charset gbk = Charset.forName("GBK");
    Interceptor interceptor = build(new SearchAndReplaceInterceptor.Builder(),
        "searchPattern", "尚", "replaceString", "硅", "charset", "GBK");
    Event event = EventBuilder.withBody("尚谷", gbk);

    assertThat(new String(interceptor.intercept(event).getBody(), gbk)).isEqualTo("硅谷");
  }

  @Test
  void searchPatternIsRequired() {
    assertKeyFault(() -> build(new SearchAndReplaceInterceptor.Builder(), "replaceString", "x"), "searchPattern")
        .hasMessageStartingWith("search_replace interceptor needs searchPattern")
        .extracting(e -> ((ConfigurationException) e).getFix()).asString()
        .startsWith("Add searchPattern = ");
    assertKeyFault(() -> build(new SearchAndReplaceInterceptor.Builder(), "searchPattern", "", "replaceString", "x"),
        "searchPattern").hasMessageStartingWith("search_replace interceptor needs searchPattern");
  }

  @Test
  void replaceStringIsRequiredButMayBeEmpty() {
    assertKeyFault(() -> build(new SearchAndReplaceInterceptor.Builder(), "searchPattern", "x"), "replaceString")
        .hasMessage("search_replace interceptor needs replaceString, what each match of searchPattern becomes")
        .extracting(e -> ((ConfigurationException) e).getFix()).asString()
        .contains("leave the value empty to delete what searchPattern matches");
  }

  @Test
  void aBadSearchPatternNamesTheKeyAndTheError() {
    assertKeyFault(() -> build(new SearchAndReplaceInterceptor.Builder(), "searchPattern", "(ab", "replaceString", ""),
        "searchPattern").hasMessage("search_replace interceptor: searchPattern: '(ab' is not a valid regular"
            + " expression: Unclosed group near index 3");
  }

  @Test
  void aReplacementReferringToAMissingGroupFailsAtConfiguration() {
    assertKeyFault(() -> build(new SearchAndReplaceInterceptor.Builder(), "searchPattern", "(a)", "replaceString", "$2"),
        "replaceString").hasMessageStartingWith("'$2' does not fit searchPattern: No group 2");
    assertKeyFault(() -> build(new SearchAndReplaceInterceptor.Builder(), "searchPattern", "(a)", "replaceString", "${x}"),
        "replaceString").hasMessageContaining("No group with name {x}");
    Interceptor named = build(new SearchAndReplaceInterceptor.Builder(), "searchPattern", "(?<x>a)|b",
        "replaceString", "[${x}]");
    assertThat(body(named.intercept(event("ab")))).isEqualTo("[a][]");
  }

  @Test
  void anUnknownCharsetNamesTheKey() {
    assertKeyFault(() -> build(new SearchAndReplaceInterceptor.Builder(),
        "searchPattern", "x", "replaceString", "", "charset", "UTF-9"), "charset")
        .hasMessageContaining("unknown charset 'UTF-9'")
        .extracting(e -> ((ConfigurationException) e).getFix()).asString().contains("UTF-8");
  }

  static AbstractThrowableAssert<?, ? extends Throwable> assertKeyFault(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String key) {
    AbstractThrowableAssert<?, ? extends Throwable> thrown = assertThatThrownBy(call)
        .isInstanceOf(ConfigurationException.class);
    thrown.extracting(e -> ((ConfigurationException) e).getKey()).isEqualTo(key);
    return thrown;
  }
}
