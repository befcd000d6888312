package io.flumelab.core.interceptor;

import static io.flumelab.core.interceptor.Interceptors.build;
import static io.flumelab.core.testing.TestData.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import org.junit.jupiter.api.Test;

class RemoveHeaderInterceptorTest {

  private static Event sample() {
    return event("x", "a", "1", "b", "2", "c", "3", "tmp.x", "4", "tmp.y", "5");
  }

  @Test
  void withNameRemovesOneHeader() {
    Interceptor interceptor = build(new RemoveHeaderInterceptor.Builder(), "withName", "b");

    assertThat(interceptor.intercept(sample()).getHeaders()).containsOnlyKeys("a", "c", "tmp.x", "tmp.y");
  }

  @Test
  void fromListIsSplitOnCommasWithSpacesByDefault() {
    Interceptor interceptor = build(new RemoveHeaderInterceptor.Builder(), "fromList", "a , c,missing");

    assertThat(interceptor.intercept(sample()).getHeaders()).containsOnlyKeys("b", "tmp.x", "tmp.y");
  }

  @Test
  void fromListSeparatorIsARegex() {
    Interceptor interceptor = build(new RemoveHeaderInterceptor.Builder(),
        "fromList", "a;c", "fromListSeparator", "[;|]");

    assertThat(interceptor.intercept(sample()).getHeaders()).containsOnlyKeys("b", "tmp.x", "tmp.y");
  }

  @Test
  void matchingRemovesHeadersWhoseWholeNameMatches() {
    Interceptor interceptor = build(new RemoveHeaderInterceptor.Builder(), "matching", "tmp\\..*");

    assertThat(interceptor.intercept(sample()).getHeaders()).containsOnlyKeys("a", "b", "c");
    Interceptor partial = build(new RemoveHeaderInterceptor.Builder(), "matching", "tmp");
    assertThat(partial.intercept(sample()).getHeaders()).hasSize(5);
  }

  @Test
  void allThreeCombine() {
    Interceptor interceptor = build(new RemoveHeaderInterceptor.Builder(),
        "withName", "a", "fromList", "b", "matching", "tmp.*");

    assertThat(interceptor.intercept(sample()).getHeaders()).containsOnlyKeys("c");
  }

  @Test
  void withNothingConfiguredEventsAreUnchanged() {
    Interceptor interceptor = build(new RemoveHeaderInterceptor.Builder());

    assertThat(interceptor.intercept(sample()).getHeaders()).hasSize(5);
  }

  @Test
  void aBadMatchingRegexNamesTheKey() {
    assertThatThrownBy(() -> build(new RemoveHeaderInterceptor.Builder(), "matching", "tmp.(*"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("remove_header interceptor: matching: 'tmp.(*' is not a valid regular"
            + " expression: Dangling meta character '*'")
        .extracting(e -> ((ConfigurationException) e).getKey()).isEqualTo("matching");
  }

  @Test
  void aBadSeparatorNamesTheKey() {
    assertThatThrownBy(() -> build(new RemoveHeaderInterceptor.Builder(), "fromList", "a", "fromListSeparator", "["))
        .isInstanceOf(ConfigurationException.class)
        .extracting(e -> ((ConfigurationException) e).getKey()).isEqualTo("fromListSeparator");
  }
}
