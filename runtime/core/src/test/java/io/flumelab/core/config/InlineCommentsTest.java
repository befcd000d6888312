package io.flumelab.core.config;

import static io.flumelab.core.config.ConfigTesting.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A comment written after a value is part of the value in a properties file: a warning at its
 * line says what was read; a {@code #} that belongs to the value is left alone.
 */
class InlineCommentsTest {

  @Test
  void aCommentAfterAValueIsAWarningQuotingWhatWasReadBesideWhatItBreaks() {
    assertThat(problems(MalformedConfigTest.lab01().replace("a1.channels.c1.type = memory",
        "a1.channels.c1.type = memory\t#  the channel")))
        .containsExactly("jobs/x.conf:8: warning: a1.channels.c1.type: the value is read as "
            + "'memory\t#  the channel' in full, '#  the channel' included: a properties file "
            + "has no comments after a value, only on lines of their own. Put the comment on a "
            + "line of its own starting with #, and write 'a1.channels.c1.type = memory'. If the "
            + "# belongs to the value, ignore this warning.",
            "jobs/x.conf:8: a1.channels.c1.type: unknown channel type 'memory\t#  the channel'. "
            + "Known channel types: memory.");
  }

  @Test
  void aCommentInAListIsNamedBesideWhatTheListThenNames() {
    assertThat(problems(MalformedConfigTest.lab01().replace("a1.sinks = k1",
        "a1.sinks = k1 #注释")))
        .anySatisfy(p -> assertThat(p).startsWith("jobs/x.conf:2: warning: a1.sinks: the value "
            + "is read as 'k1 #注释' in full"))
        .anySatisfy(p -> assertThat(p).contains("sink '#注释' is listed but not configured"));
  }

  @Test
  void aCommentAtTheEndOfTheValueIsNamedToo() {
    assertThat(problems(MalformedConfigTest.lab01() + "a1.sources.r1.selector.header = state #\n"
        + "a1.sources.r1.selector.type = multiplexing\n"))
        .singleElement().asString().startsWith("jobs/x.conf:13: warning: "
            + "a1.sources.r1.selector.header: the value is read as 'state #' in full");
  }

  @Test
  void aHashThatBelongsToTheValueIsNoComment() {
    assertThat(problems(MalformedConfigTest.lab01() + """
        a1.sources.r1.interceptors = tag strip keep
        a1.sources.r1.interceptors.tag.type = static
        a1.sources.r1.interceptors.tag.key = room
        a1.sources.r1.interceptors.tag.value = room #5 of a#b
        a1.sources.r1.interceptors.strip.type = search_replace
        a1.sources.r1.interceptors.strip.searchPattern = ticket #\\\\d+
        a1.sources.r1.interceptors.strip.replaceString = issue # see tracker
        a1.sources.r1.interceptors.keep.type = regex_filter
        a1.sources.r1.interceptors.keep.regex = (?x) ^ERROR # lines that start with ERROR
        """)).isEmpty();
  }
}
