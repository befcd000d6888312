package io.flumelab.core.interceptor;

import static io.flumelab.core.interceptor.Interceptors.build;
import static io.flumelab.core.testing.TestData.event;
import static io.flumelab.core.testing.TestData.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidInterceptorTest {

  @Test
  void setsARandomUuidUnderIdByDefault() {
    Interceptor interceptor = build(new UuidInterceptor.Builder());
    List<Event> events = interceptor.intercept(events("a", "b", "c"));

    List<String> ids = events.stream().map(e -> e.getHeaders().get("id")).toList();
    assertThat(ids).doesNotHaveDuplicates().doesNotContainNull();
    assertThat(UUID.fromString(ids.get(0)).version()).isEqualTo(4);
  }

  @Test
  void keepsAnExistingIdByDefault() {
    Interceptor interceptor = build(new UuidInterceptor.Builder());

    assertThat(interceptor.intercept(event("x", "id", "first")).getHeaders()).containsEntry("id", "first");
  }

  @Test
  void replacesAnExistingIdWhenPreserveExistingIsFalse() {
    Interceptor interceptor = build(new UuidInterceptor.Builder(), "preserveExisting", "false");

    assertThat(interceptor.intercept(event("x", "id", "first")).getHeaders().get("id")).isNotEqualTo("first");
  }

  @Test
  void headerNameAndPrefix() {
    Interceptor interceptor = build(new UuidInterceptor.Builder(), "headerName", "eventId", "prefix", "hadoop102-");

    String id = interceptor.intercept(event("x")).getHeaders().get("eventId");
    assertThat(id).startsWith("hadoop102-");
    assertThat(UUID.fromString(id.substring("hadoop102-".length()))).isNotNull();
  }
}
