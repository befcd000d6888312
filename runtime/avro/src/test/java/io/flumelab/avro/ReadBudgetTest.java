package io.flumelab.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The budget's rule that one frame in progress can always finish, whatever the others hold. */
class ReadBudgetTest {

  /** A reader that remembers being told to retry. */
  private static final class Reader implements ReadBudget.Reader {
    final List<String> retries = new ArrayList<>();

    @Override
    public void retry() {
      retries.add("retry");
    }
  }

  @Test
  void othersAreStoppedWhileTheLeadCanStillFinishItsLargestFrame() {
    ReadBudget budget = new ReadBudget(100, 60);
    Reader lead = new Reader();
    Reader other = new Reader();
    Reader third = new Reader();

    assertThat(budget.reserve(lead, 50)).isEqualTo(50);
    // 10 more may still come for the lead's frame: the others share 100 - 50 - 10
    assertThat(budget.reserve(other, 30)).isEqualTo(30);
    assertThat(budget.reserve(third, 30)).isEqualTo(10);
    assertThat(budget.reserve(other, 1)).isZero();
    assertThat(budget.reserve(lead, 10)).as("the lead finishes its frame").isEqualTo(10);
    assertThat(budget.used()).isEqualTo(100);
    assertThat(budget.waits()).isEqualTo(2);

    budget.frameComplete(lead);
    budget.release(60);
    assertThat(other.retries).as("told to retry once bytes are back").isNotEmpty();
    assertThat(third.retries).isNotEmpty();
    // the next lead is the oldest frame in progress; at 60 bytes it may take no more, so the
    // rest of the budget is free for the others
    assertThat(budget.reserve(other, 30)).isEqualTo(30);
    assertThat(budget.reserve(third, 50)).isEqualTo(30);
    assertThat(budget.peak()).isLessThanOrEqualTo(100);
  }

  @Test
  void anAbandonedFrameGivesItsBytesBackAndPassesTheLead() {
    ReadBudget budget = new ReadBudget(100, 100);
    Reader lead = new Reader();
    Reader other = new Reader();
    assertThat(budget.reserve(lead, 40)).isEqualTo(40);
    assertThat(budget.reserve(other, 10)).isZero();
    budget.abandon(lead);
    assertThat(budget.used()).isZero();
    assertThat(other.retries).isNotEmpty();
    assertThat(budget.reserve(other, 100)).isEqualTo(100);
  }

  @Test
  void aFrameLimitAboveTheBudgetIsRefused() {
    assertThatThrownBy(() -> new ReadBudget(10, 11)).isInstanceOf(IllegalArgumentException.class);
  }
}
