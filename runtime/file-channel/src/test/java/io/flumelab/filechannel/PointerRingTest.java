package io.flumelab.filechannel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PointerRingTest {

  @Test
  void growsAcrossTheWrapAndKeepsOrderAtBothEnds() {
    PointerRing ring = new PointerRing(4);
    long[] taken = new long[3];
    for (long i = 0; i < 3; i++) {
      ring.addLast(i);
    }
    ring.pollFirst(taken, 0, 2); // head moves, so the next adds wrap around
    for (long i = 3; i < 20; i++) {
      ring.addLast(i);
    }
    ring.addFirst(new long[] {-1, 0, 1}, 1, 2);

    long[] expected = new long[20];
    for (int i = 0; i < 20; i++) {
      expected[i] = i;
    }
    assertThat(ring.toArray()).containsExactly(expected);
    assertThat(Pointers.segment(Pointers.of(7, Integer.MAX_VALUE))).isEqualTo(7);
    assertThat(Pointers.offset(Pointers.of(7, Integer.MAX_VALUE))).isEqualTo(Integer.MAX_VALUE);
    assertThat(Pointers.of(1, 0)).isGreaterThan(Pointers.of(0, Integer.MAX_VALUE));
  }
}
