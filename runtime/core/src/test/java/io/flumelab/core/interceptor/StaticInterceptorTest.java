package io.flumelab.core.interceptor;

import static io.flumelab.core.interceptor.Interceptors.build;
import static io.flumelab.core.testing.TestData.event;
import static io.flumelab.core.testing.TestData.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaticInterceptorTest {

  @Test
  void defaultsAreKeyAndValue() {
    Interceptor interceptor = build(new StaticInterceptor.Builder());

    assertThat(interceptor.intercept(event("x")).getHeaders()).containsExactlyEntriesOf(java.util.Map.of("key", "value"));
  }

  @Test
  void setsTheConfiguredHeader() {
    Interceptor interceptor = build(new StaticInterceptor.Builder(), "key", "datacenter", "value", "NEW_YORK");
    List<Event> events = events("a", "b");

    assertThat(interceptor.intercept(events)).isSameAs(events)
        .allSatisfy(e -> assertThat(e.getHeaders()).containsEntry("datacenter", "NEW_YORK"));
  }

  @Test
  void keepsAnExistingValueByDefault() {
    Interceptor interceptor = build(new StaticInterceptor.Builder(), "key", "dc", "value", "east");

    assertThat(interceptor.intercept(event("x", "dc", "west")).getHeaders()).containsEntry("dc", "west");
  }

  @Test
  void overwritesAnExistingValueWhenPreserveExistingIsFalse() {
    Interceptor interceptor = build(new StaticInterceptor.Builder(),
        "key", "dc", "value", "east", "preserveExisting", "false");

    assertThat(interceptor.intercept(event("x", "dc", "west")).getHeaders()).containsEntry("dc", "east");
  }
}
