package io.flumelab.flume;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.event.SimpleEvent;
import org.junit.jupiter.api.Test;

class FlumeEventsTest {

  @Test
  void aFlumeEventCrossesAsAViewAndComesBackAsItself() {
    SimpleEvent flume = new SimpleEvent();
    flume.setBody("a".getBytes(StandardCharsets.UTF_8));

    Event ours = FlumeEvents.toOurs(flume);
    ours.getHeaders().put("k", "v");
    ours.setBody("b".getBytes(StandardCharsets.UTF_8));

    assertThat(flume.getHeaders()).containsEntry("k", "v");
    assertThat(new String(flume.getBody(), StandardCharsets.UTF_8)).isEqualTo("b");
    assertThat(FlumeEvents.toFlume(ours)).isSameAs(flume);
  }

  @Test
  void oneOfOursCrossesAsAViewAndComesBackAsItself() {
    Map<String, String> headers = new HashMap<>(Map.of("host", "h1"));
    Event ours = EventBuilder.withBody("x".getBytes(StandardCharsets.UTF_8), headers);

    org.apache.flume.Event flume = FlumeEvents.toFlume(ours);

    assertThat(flume.getHeaders()).isSameAs(ours.getHeaders());
    assertThat(flume.getBody()).isSameAs(ours.getBody());
    Map<String, String> replaced = new HashMap<>(Map.of("timestamp", "1"));
    flume.setHeaders(replaced);
    assertThat(ours.getHeaders()).isSameAs(replaced);
    assertThat(FlumeEvents.toOurs(flume)).isSameAs(ours);
  }

  @Test
  void listsAreNewListsOfViewsInOrderWithNullsKept() {
    SimpleEvent first = new SimpleEvent();
    SimpleEvent second = new SimpleEvent();
    List<org.apache.flume.Event> flumes = new ArrayList<>(Arrays.asList(first, null, second));

    List<Event> ours = FlumeEvents.toOurs(flumes);
    List<org.apache.flume.Event> back = FlumeEvents.toFlume(ours);

    assertThat(ours).isNotSameAs(flumes).hasSize(3);
    assertThat(ours.get(1)).isNull();
    assertThat(back).containsExactly(first, null, second);
    assertThat(FlumeEvents.toOurs((org.apache.flume.Event) null)).isNull();
    assertThat(FlumeEvents.toFlume((List<Event>) null)).isNull();
  }
}
