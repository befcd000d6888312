package com.atguigu;

import org.apache.flume.Context;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.PollableSource;
import org.apache.flume.conf.Configurable;
import org.apache.flume.source.AbstractSource;

/**
 * Lab 08: a pollable source. Each call of {@link #process()} makes five events whose bodies are
 * the configured {@code field} followed by 0..4 ("atguigu0" ... "atguigu4"), one every
 * {@code delay} milliseconds. Keys: {@code field} (default "hello"), {@code delay} (default 1000).
 */
public class MySource extends AbstractSource implements Configurable, PollableSource {

  @Override
  public void configure(Context context) {
    // TODO: read field and delay, and keep them for process()
  }

  @Override
  public Status process() throws EventDeliveryException {
    // TODO: five events, each with a body of its own, handed to getChannelProcessor()
    return Status.BACKOFF;
  }

  @Override
  public long getBackOffSleepIncrement() {
    return 0;
  }

  @Override
  public long getMaxBackOffSleepInterval() {
    return 0;
  }
}
