package io.flumelab.hdfs;

import io.flumelab.api.Event;
import java.io.Closeable;
import java.io.IOException;

/** One open file of the sink, in its {@code hdfs.fileType}. */
interface HdfsFile extends Closeable {

  void append(Event event) throws IOException;

  /** Makes what was appended visible to readers and safe on the DataNodes (hflush). */
  void flush() throws IOException;

  /** Flushes and closes; the file keeps its in-use name until the caller renames it. */
  @Override
  void close() throws IOException;
}
