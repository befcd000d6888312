package com.atguigu.source;

import org.apache.flume.Context;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.PollableSource;
import org.apache.flume.conf.Configurable;
import org.apache.flume.source.AbstractSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lab 10: a pollable source that sends each new row of a MySQL table as one event. The README lists
 * the keys and what the notes' version gets wrong.
 */
public class SQLSource extends AbstractSource implements Configurable, PollableSource {

  private static final Logger LOG = LoggerFactory.getLogger(SQLSource.class);

  private SQLSourceHelper sqlSourceHelper;

  @Override
  public void configure(Context context) {
    sqlSourceHelper = new SQLSourceHelper(context);
  }

  @Override
  public Status process() throws EventDeliveryException {
    // TODO: read the rows after the last id sent (at most max.rows), each as one event whose body
    //       is the row's columns joined by commas (NULL as nothing), in UTF-8
    // TODO: hand them to getChannelProcessor().processEventBatch(...) and only then record the
    //       last id sent in flume_meta
    // TODO: a full channel (ChannelException) or a database error must not lose or skip rows
    return Status.BACKOFF;
  }

  @Override
  public long getBackOffSleepIncrement() {
    return sqlSourceHelper.getRunQueryDelay();
  }

  @Override
  public long getMaxBackOffSleepInterval() {
    return sqlSourceHelper.getRunQueryDelay();
  }

  @Override
  public synchronized void stop() {
    LOG.info("Stopping sql source {} ...", getName());
    sqlSourceHelper.close();
    super.stop();
  }
}
