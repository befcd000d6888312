package io.flumelab.core.interceptor;

import static io.flumelab.core.interceptor.Interceptors.build;
import static io.flumelab.core.interceptor.SearchAndReplaceInterceptorTest.assertKeyFault;
import static io.flumelab.core.testing.TestData.event;
import static io.flumelab.core.testing.TestData.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.core.testing.TestData;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegexFilteringInterceptorTest {

  @Test
  void byDefaultEverythingIsKeptAndTheBatchIsTheSameList() {
    Interceptor interceptor = build(new RegexFilteringInterceptor.Builder());
    List<Event> events = List.of(event("a"), event(""));

    assertThat(interceptor.intercept(events)).isSameAs(events);
    assertThat(interceptor.intercept(event(""))).isNotNull();
  }

  @Test
  void includesWhatMatchesAnywhereInTheBody() {
    Interceptor interceptor = build(new RegexFilteringInterceptor.Builder(), "regex", "(WARNING)|(ERROR)");

    assertThat(interceptor.intercept(events("INFO ok", "an ERROR here", "WARNING x", "fine")))
        .extracting(TestData::body).containsExactly("an ERROR here", "WARNING x");
    assertThat(interceptor.intercept(event("INFO ok"))).isNull();
  }

  @Test
  void excludeEventsDropsWhatMatches() {
    Interceptor interceptor = build(new RegexFilteringInterceptor.Builder(),
        "regex", "^DEBUG", "excludeEvents", "true");
    List<Event> kept = interceptor.intercept(events("DEBUG a", "INFO b", "x DEBUG c", "DEBUG d"));

    assertThat(kept).extracting(TestData::body).containsExactly("INFO b", "x DEBUG c");
  }

  @Test
  void aBatchWithNothingDroppedIsReturnedAsIs() {
    Interceptor interceptor = build(new RegexFilteringInterceptor.Builder(), "regex", "ok");
    List<Event> events = List.of(event("ok 1"), event("ok 2")); // immutable: must not be touched

    assertThat(interceptor.intercept(events)).isSameAs(events);
  }

  @Test
  void dropsFromImmutableAndLinkedListsAlike() {
    Interceptor interceptor = build(new RegexFilteringInterceptor.Builder(), "regex", "keep");

    assertThat(interceptor.intercept(List.of(event("keep 1"), event("drop"), event("keep 2"))))
        .extracting(TestData::body).containsExactly("keep 1", "keep 2");
    assertThat(interceptor.intercept(new LinkedList<>(events("drop", "keep 3"))))
        .extracting(TestData::body).containsExactly("keep 3");
  }

  @Test
  void everythingDroppedIsAnEmptyList() {
    Interceptor interceptor = build(new RegexFilteringInterceptor.Builder(), "excludeEvents", "true");

    assertThat(interceptor.intercept(events("a", "b"))).isEmpty();
  }

  @Test
  void nullsFromAnEarlierInterceptorAreDropped() {
    Interceptor interceptor = build(new RegexFilteringInterceptor.Builder());
    List<Event> events = events("a");
    events.add(0, null);

    assertThat(interceptor.intercept(events)).extracting(TestData::body).containsExactly("a");
  }

  @Test
  void theBodyIsReadAsUtf8() {
    Interceptor interceptor = build(new RegexFilteringInterceptor.Builder(), "regex", "^尚硅谷$");

    assertThat(interceptor.intercept(event("尚硅谷"))).isNotNull();
  }

  @Test
  void aBadRegexNamesTheKey() {
    assertKeyFault(() -> build(new RegexFilteringInterceptor.Builder(), "regex", "[a-"), "regex")
        .hasMessageStartingWith("regex_filter interceptor: regex: '[a-' is not a valid regular expression: ");
  }
}
