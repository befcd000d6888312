package io.flumelab.core.interceptor;

import static io.flumelab.core.interceptor.Interceptors.build;
import static io.flumelab.core.testing.TestData.event;
import static io.flumelab.core.testing.TestData.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimestampInterceptorTest {

  @Test
  void setsTheTimestampHeaderToEpochMillisByDefault() {
    Interceptor interceptor = build(new TimestampInterceptor.Builder());
    long before = System.currentTimeMillis();
    Event event = interceptor.intercept(event("x"));
    long after = System.currentTimeMillis();

    assertThat(Long.parseLong(event.getHeaders().get("timestamp"))).isBetween(before, after);
  }

  @Test
  void overwritesAnExistingValueByDefault() {
    Interceptor interceptor = build(new TimestampInterceptor.Builder());

    assertThat(interceptor.intercept(event("x", "timestamp", "1")).getHeaders().get("timestamp"))
        .isNotEqualTo("1");
  }

  @Test
  void preserveExistingKeepsAValueAlreadyThere() {
    Interceptor interceptor = build(new TimestampInterceptor.Builder(), "preserveExisting", "true");

    assertThat(interceptor.intercept(event("x", "timestamp", "1")).getHeaders())
        .containsEntry("timestamp", "1");
    assertThat(interceptor.intercept(event("y")).getHeaders()).containsKey("timestamp");
  }

  @Test
  void headerNameChangesTheHeader() {
    Interceptor interceptor = build(new TimestampInterceptor.Builder(), "headerName", "ts");

    assertThat(interceptor.intercept(event("x")).getHeaders()).containsKey("ts").doesNotContainKey("timestamp");
  }

  @Test
  void aBatchIsStampedInPlaceAndReturnedAsTheSameList() {
    Interceptor interceptor = build(new TimestampInterceptor.Builder());
    List<Event> events = events("a", "b", "c");

    assertThat(interceptor.intercept(events)).isSameAs(events)
        .allSatisfy(e -> assertThat(e.getHeaders()).containsKey("timestamp"));
  }

  @Test
  void nullsLeftByAnEarlierInterceptorArePassedOver() {
    Interceptor interceptor = build(new TimestampInterceptor.Builder());
    List<Event> events = events("a");
    events.add(null);

    assertThat(interceptor.intercept(events)).hasSize(2);
    assertThat(interceptor.intercept((Event) null)).isNull();
  }
}
