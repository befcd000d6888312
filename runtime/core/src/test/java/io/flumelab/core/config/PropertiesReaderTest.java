package io.flumelab.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PropertiesReaderTest {

  @Test
  void separatorsCommentsAndLineNumbers() {
    PropertiesReader.Result result = PropertiesReader.read("""
        # comment
        ! also a comment

        a=1
          b : 2
        c 3
        d\t=\tfour words\t
        e = x=y:z
        f =
        my\\ key = v
        g = \\u0041
        """);

    assertThat(result.errors()).isEmpty();
    assertThat(result.entries()).containsExactly(
        new Property("a", "1", 4),
        new Property("b", "2", 5),
        new Property("c", "3", 6),
        new Property("d", "four words", 7),
        new Property("e", "x=y:z", 8),
        new Property("f", "", 9),
        new Property("my key", "v", 10),
        new Property("g", "A", 11));
  }

  @Test
  void continuationKeepsTheLineOfTheKey() {
    PropertiesReader.Result result = PropertiesReader.read("""
        long = one \\
               two \\
               three
        # a comment does not continue \\
        after = x
        """);

    assertThat(result.entries()).containsExactly(
        new Property("long", "one two three", 1),
        new Property("after", "x", 5));
  }

  @Test
  void duplicatesAreAllReturnedInOrder() {
    assertThat(PropertiesReader.read("k = 1\r\nk = 2\rk = 3").entries())
        .containsExactly(new Property("k", "1", 1), new Property("k", "2", 2), new Property("k", "3", 3));
  }

  @Test
  void malformedUnicodeEscapeIsASyntaxError() {
    PropertiesReader.Result result = PropertiesReader.read("ok = 1\nbad = \\u00G1\n");

    assertThat(result.entries()).containsExactly(new Property("ok", "1", 1));
    assertThat(result.errors()).containsExactly(
        new PropertiesReader.SyntaxError(2, "malformed \\uXXXX escape '\\u00G1'"));
  }
}
