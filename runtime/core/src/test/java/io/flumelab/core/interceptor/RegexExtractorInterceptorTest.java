package io.flumelab.core.interceptor;

import static io.flumelab.core.interceptor.Interceptors.build;
import static io.flumelab.core.interceptor.Interceptors.context;
import static io.flumelab.core.interceptor.SearchAndReplaceInterceptorTest.assertKeyFault;
import static io.flumelab.core.testing.TestData.event;
import static io.flumelab.core.testing.TestData.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Event;
import io.flumelab.api.Interceptor;
import io.flumelab.core.testing.LogCapture;
import io.flumelab.core.testing.TestData;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

class RegexExtractorInterceptorTest {

  private static final String DIGITS = "(\\d):(\\d):(\\d)";

  @Test
  void groupsBecomeHeadersThroughTheSerializersInOrder() {
    Interceptor interceptor = build(new RegexExtractorInterceptor.Builder(), "regex", DIGITS,
        "serializers", "s1 s2 s3", "serializers.s1.name", "one", "serializers.s2.name", "two",
        "serializers.s3.name", "three");
    Event event = interceptor.intercept(event("1:2:3.4foobar5"));

    assertThat(event.getHeaders()).containsExactlyInAnyOrderEntriesOf(Map.of("one", "1", "two", "2", "three", "3"));
    assertThat(TestData.body(event)).isEqualTo("1:2:3.4foobar5");
  }

  @Test
  void groupsBeyondTheSerializersAreIgnored() {
    Interceptor interceptor = build(new RegexExtractorInterceptor.Builder(), "regex", DIGITS,
        "serializers", "s1 s2", "serializers.s1.name", "one", "serializers.s2.name", "two");

    assertThat(interceptor.intercept(event("1:2:3")).getHeaders()).containsOnlyKeys("one", "two");
  }

  @Test
  void serializersBeyondTheGroupsAreLoggedAtConfiguration() {
    try (LogCapture log = LogCapture.attach(RegexExtractorInterceptor.class, Level.WARN)) {
      build(new RegexExtractorInterceptor.Builder(), "regex", "(\\d)",
          "serializers", "s1 s2", "serializers.s1.name", "one", "serializers.s2.name", "two");

      assertThat(log.lines()).singleElement().asString()
          .contains("has 1 group(s) for 2 serializers; serializers [s2] are never used");
    }
  }

  @Test
  void noMatchOrAGroupThatTookNoPartSetsNothing() {
    Interceptor interceptor = build(new RegexExtractorInterceptor.Builder(), "regex", "(a)|(b)",
        "serializers", "s1 s2", "serializers.s1.name", "A", "serializers.s2.name", "B");
    List<Event> events = events("xyz", "b");

    assertThat(interceptor.intercept(events)).isSameAs(events);
    assertThat(events.get(0).getHeaders()).isEmpty();
    assertThat(events.get(1).getHeaders()).containsExactlyEntriesOf(Map.of("B", "b"));
  }

  @Test
  void millisSerializerWithTheUserGuidesExample() {
    Interceptor interceptor = build(new RegexExtractorInterceptor.Builder(),
        "regex", "^(?:\\n)?(\\d\\d\\d\\d-\\d\\d-\\d\\d\\s\\d\\d:\\d\\d)", "serializers", "s1",
        "serializers.s1.type", "org.apache.flume.interceptor.RegexExtractorInterceptorMillisSerializer",
        "serializers.s1.name", "timestamp", "serializers.s1.pattern", "yyyy-MM-dd HH:mm");
    long expected = LocalDateTime.of(2012, 10, 18, 18, 47).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();

    assertThat(interceptor.intercept(event("2012-10-18 18:47:57,614 some log line")).getHeaders())
        .containsExactlyEntriesOf(Map.of("timestamp", Long.toString(expected)));
  }

  @Test
  void millisSerializerReadsInTheAgentsZoneUnlessTheTextHasOne() {
    MillisSerializer serializer = new MillisSerializer().withZone(ZoneId.of("America/Los_Angeles"));
    serializer.configure(context("pattern", "yyyy-MM-dd HH:mm"));
    assertThat(serializer.serialize("2012-10-18 18:47")).isEqualTo("1350611220000");

    MillisSerializer zoned = new MillisSerializer();
    zoned.configure(context("pattern", "yyyy-MM-dd HH:mm:ss Z"));
    assertThat(zoned.serialize("1970-01-01 00:00:01 +0000")).isEqualTo("1000");

    MillisSerializer dateOnly = new MillisSerializer().withZone(ZoneId.of("UTC"));
    dateOnly.configure(context("pattern", "yyyy-MM-dd"));
    assertThat(dateOnly.serialize("1970-01-02")).isEqualTo("86400000");
  }

  @Test
  void aValueTheSerializerCannotReadLeavesThatHeaderUnsetAndIsLogged() {
    Interceptor interceptor = build(new RegexExtractorInterceptor.Builder(), "regex", "^(\\S+) (\\S+)",
        "serializers", "t lvl", "serializers.t.type", "millis", "serializers.t.name", "timestamp",
        "serializers.t.pattern", "yyyy-MM-dd", "serializers.lvl.name", "level");
    try (LogCapture log = LogCapture.attach(RegexExtractorInterceptor.class, Level.WARN)) {
      Event event = interceptor.intercept(event("yesterday INFO"));

      assertThat(event.getHeaders()).containsExactlyEntriesOf(Map.of("level", "INFO"));
      assertThat(log.lines()).singleElement().asString()
          .contains("header 'timestamp' not set: cannot format 'yesterday'");
    }
  }

  @Test
  void typeNamesAcceptedForThePassThroughSerializer() {
    for (String type : List.of("default", "DEFAULT",
        "org.apache.flume.interceptor.RegexExtractorInterceptorPassThroughSerializer")) {
      Interceptor interceptor = build(new RegexExtractorInterceptor.Builder(), "regex", "(a+)",
          "serializers", "s", "serializers.s.name", "h", "serializers.s.type", type);
      assertThat(interceptor.intercept(event("baab")).getHeaders()).containsEntry("h", "aa");
    }
  }

  @Test
  void aCustomSerializerIsNamedByClassAndGetsItsOwnKeys() {
    Interceptor interceptor = build(new RegexExtractorInterceptor.Builder(), "regex", "level=(\\w+)",
        "serializers", "s", "serializers.s.name", "level",
        "serializers.s.type", UpperCaseSerializer.class.getName(), "serializers.s.suffix", "!");

    assertThat(interceptor.intercept(event("level=warn")).getHeaders()).containsEntry("level", "WARN!");
  }

  @Test
  void requiredKeys() {
    assertKeyFault(() -> build(new RegexExtractorInterceptor.Builder(), "serializers", "s", "serializers.s.name", "h"),
        "regex").hasMessageStartingWith("regex_extractor interceptor needs regex");
    assertKeyFault(() -> build(new RegexExtractorInterceptor.Builder(), "regex", "(a)"), "serializers")
        .hasMessageStartingWith("regex_extractor interceptor needs serializers");
    assertKeyFault(() -> build(new RegexExtractorInterceptor.Builder(), "regex", "(a)", "serializers", "s1"),
        "serializers.s1.name")
        .hasMessageStartingWith("regex_extractor interceptor, serializer s1 needs name")
        .extracting(e -> ((ConfigurationException) e).getFix()).isEqualTo("Add name = timestamp");
  }

  @Test
  void aBadRegexNamesTheKey() {
    assertKeyFault(() -> build(new RegexExtractorInterceptor.Builder(), "regex", "(\\d", "serializers", "s",
        "serializers.s.name", "h"), "regex")
        .hasMessageStartingWith("regex_extractor interceptor: regex: '(\\d' is not a valid regular expression:"
            + " Unclosed group");
  }

  @Test
  void serializerFaultsNameTheirFullKey() {
    assertKeyFault(() -> build(new RegexExtractorInterceptor.Builder(), "regex", "(a)", "serializers", "s",
        "serializers.s.name", "h", "serializers.s.type", "millis"), "serializers.s.pattern")
        .hasMessageStartingWith("millis serializer needs pattern");
    assertKeyFault(() -> build(new RegexExtractorInterceptor.Builder(), "regex", "(a)", "serializers", "s",
        "serializers.s.name", "h", "serializers.s.type", "millis", "serializers.s.pattern", "yyyy-MM-dd {"),
        "serializers.s.pattern")
        .hasMessageStartingWith("millis serializer: pattern: 'yyyy-MM-dd {' is not a valid date-time pattern");
    assertKeyFault(() -> build(new RegexExtractorInterceptor.Builder(), "regex", "(a)", "serializers", "s",
        "serializers.s.name", "h", "serializers.s.patern", "yyyy"), "serializers.s.patern")
        .hasMessage("unknown key 'patern' for this serializer");
    assertKeyFault(() -> build(new RegexExtractorInterceptor.Builder(), "regex", "(a)", "serializers", "s",
        "serializers.s.name", "h", "serializers.s.type", UpperCaseSerializer.class.getName(),
        "serializers.s.suffix", "a b"), "serializers.s.suffix")
        .hasMessage("a suffix has no spaces");
  }

  @Test
  void keysOfAnUnlistedSerializerAreAFault() {
    assertKeyFault(() -> build(new RegexExtractorInterceptor.Builder(), "regex", "(a)", "serializers", "s1",
        "serializers.s1.name", "h", "serializers.s2.name", "g"), "serializers.s2.name")
        .hasMessage("serializer 's2' is not listed in serializers");
  }

  @Test
  void aSerializerTypeThatIsNoSerializer() {
    assertKeyFault(() -> build(new RegexExtractorInterceptor.Builder(), "regex", "(a)", "serializers", "s",
        "serializers.s.name", "h", "serializers.s.type", "com.example.Missing"), "serializers.s.type")
        .hasMessage("serializer class 'com.example.Missing' not found");
    assertKeyFault(() -> build(new RegexExtractorInterceptor.Builder(), "regex", "(a)", "serializers", "s",
        "serializers.s.name", "h", "serializers.s.type", "java.lang.String"), "serializers.s.type")
        .hasMessage("class 'java.lang.String' is not a regex_extractor serializer");
  }
}
