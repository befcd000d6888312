package io.flumelab.flume;

import io.flumelab.api.BatchSizeSupported;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.PollableSource;

/**
 * A Flume {@code PollableSource} run by the agent's pollable-source runner. The runner backs off
 * as Flume's does ({@code min(n × increment, max)}), with two differences: a source that reports 0
 * for both (the course's sources do) gets 1 s and 5 s instead of a busy loop, and a source that
 * throws backs off by the same rule.
 */
class FlumePollableSource extends FlumeSourceAdapter implements PollableSource {

  private final org.apache.flume.PollableSource pollable;

  FlumePollableSource(org.apache.flume.PollableSource flume) {
    super(flume);
    this.pollable = flume;
  }

  @Override
  public Status process() throws EventDeliveryException {
    org.apache.flume.PollableSource.Status status;
    try (Tccl t = Tccl.of(pollable)) {
      status = pollable.process();
    } catch (org.apache.flume.EventDeliveryException e) {
      throw FlumeErrors.toOurs(e);
    }
    if (status == null) {
      throw new EventDeliveryException("process() of source " + getName() + " ("
          + pollable.getClass().getName() + ") returned null instead of READY or BACKOFF");
    }
    return status == org.apache.flume.PollableSource.Status.READY ? Status.READY : Status.BACKOFF;
  }

  @Override
  public long getBackOffSleepIncrement() {
    try (Tccl t = Tccl.of(pollable)) {
      return pollable.getBackOffSleepIncrement();
    }
  }

  @Override
  public long getMaxBackOffSleepInterval() {
    try (Tccl t = Tccl.of(pollable)) {
      return pollable.getMaxBackOffSleepInterval();
    }
  }

  /** One whose class also implements Flume's {@code BatchSizeSupported}. */
  static final class Batched extends FlumePollableSource implements BatchSizeSupported {

    Batched(org.apache.flume.PollableSource flume) {
      super(flume);
    }

    @Override
    public long getBatchSize() {
      return flumeBatchSize();
    }
  }
}
