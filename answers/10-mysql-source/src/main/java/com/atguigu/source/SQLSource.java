package com.atguigu.source;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flume.ChannelException;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.PollableSource;
import org.apache.flume.conf.Configurable;
import org.apache.flume.event.EventBuilder;
import org.apache.flume.source.AbstractSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lab 10, reference answer: polls a table for rows with an id above the last one sent, hands them
 * to the channel as one batch, and only then records the last id in flume_meta. A crash between the
 * two sends that batch again; nothing is ever skipped.
 */
public class SQLSource extends AbstractSource implements Configurable, PollableSource {

  private static final Logger LOG = LoggerFactory.getLogger(SQLSource.class);

  private SQLSourceHelper helper;
  /** The last id the channel took; null until read from flume_meta. */
  private Long offset;

  @Override
  public void configure(Context context) {
    helper = new SQLSourceHelper(context);
  }

  @Override
  public Status process() throws EventDeliveryException {
    try {
      if (offset == null) {
        offset = helper.readOffset();
      }
      List<SQLSourceHelper.Row> rows = helper.rowsAfter(offset);
      if (rows.isEmpty()) {
        return Status.BACKOFF;
      }
      List<Event> events = new ArrayList<>(rows.size());
      rows.forEach(row -> events.add(EventBuilder.withBody(row.body())));
      getChannelProcessor().processEventBatch(events);
      offset = rows.get(rows.size() - 1).id();
      helper.writeOffset(offset);
      return Status.READY;
    } catch (ChannelException e) {
      LOG.warn("The channel refused {}: reading the same rows again later", getName(), e);
      return Status.BACKOFF;
    } catch (SQLException e) {
      LOG.warn("Database error in {}: connecting again later ({})", getName(), e.getMessage());
      helper.disconnect();
      return Status.BACKOFF;
    }
  }

  @Override
  public long getBackOffSleepIncrement() {
    return helper.runQueryDelay();
  }

  @Override
  public long getMaxBackOffSleepInterval() {
    return helper.runQueryDelay();
  }

  @Override
  public synchronized void stop() {
    helper.disconnect();
    super.stop();
  }
}
