package com.atguigu.source;

import java.sql.Connection;
import org.apache.flume.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lab 10: everything the source says to the database. Keys: connection.url, connection.user,
 * connection.password, table, columns.to.select (default *), run.query.delay (ms, default
 * 10000), start.from (default 0), max.rows (default 2000).
 */
public class SQLSourceHelper {

  private static final Logger LOG = LoggerFactory.getLogger(SQLSourceHelper.class);

  private final int runQueryDelay;
  private Connection conn;

  SQLSourceHelper(Context context) {
    runQueryDelay = context.getInteger("run.query.delay", 10000);
    // TODO: read the other keys; refuse a table or column list that is not plain names
    //       (ConfigurationException), since they become part of the SQL
  }

  // TODO: connect (the driver's class comes from plugins.d/<name>/libext), and connect again
  //       after the database dropped the connection
  // TODO: the last id sent, from flume_meta (source_tab, currentIndex); start.from if none
  // TODO: the rows after it, in id order, at most max.rows, with the values as bound parameters
  // TODO: record the last id sent in flume_meta

  int getRunQueryDelay() {
    return runQueryDelay;
  }

  void close() {
    LOG.info("closing {}", conn);
  }
}
