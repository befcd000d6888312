package com.atguigu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flume.Context;
import org.apache.flume.EventDrivenSource;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.conf.Configurable;
import org.apache.flume.source.AbstractSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lab 09: a source that follows one file and, after a restart, goes on where it stopped (断点续传).
 * Keys: {@code filePath} (the file to follow), {@code offsetPath} (where to keep the position),
 * {@code interval} (ms to wait at the end of the file, default 1000), {@code charset} (default
 * UTF-8). The README lists what the reading thread must get right; the notes' version has five
 * faults the tests catch.
 */
public class MyFileSource2 extends AbstractSource implements Configurable, EventDrivenSource {

  private static final Logger logger = LoggerFactory.getLogger(MyFileSource2.class);

  private String filePath;
  private String offsetPath;
  private long interval;
  private String charset;
  private ExecutorService executorService;
  private FileSourceRunnable runnable;

  @Override
  public void configure(Context context) {
    filePath = context.getString("filePath");
    offsetPath = context.getString("offsetPath");
    interval = context.getLong("interval", 1000L);
    charset = context.getString("charset", "UTF-8");
  }

  @Override
  public synchronized void start() {
    executorService = Executors.newSingleThreadExecutor();
    runnable = new FileSourceRunnable(filePath, offsetPath, interval, charset, getChannelProcessor());
    executorService.execute(runnable);
    super.start();
  }

  @Override
  public synchronized void stop() {
    runnable.setFlag(false);
    executorService.shutdownNow();
    try {
      if (!executorService.awaitTermination(10, TimeUnit.SECONDS)) {
        logger.warn("The reading thread did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    super.stop();
  }

  /** The reading thread. */
  public static class FileSourceRunnable implements Runnable {

    private final String filePath;
    private final String offsetPath;
    private final long interval;
    private final String charset;
    private final ChannelProcessor channelProcessor;
    private volatile boolean flag = true;

    public FileSourceRunnable(String filePath, String offsetPath, long interval, String charset,
        ChannelProcessor channelProcessor) {
      this.filePath = filePath;
      this.offsetPath = offsetPath;
      this.interval = interval;
      this.charset = charset;
      this.channelProcessor = channelProcessor;
    }

    @Override
    public void run() {
      // TODO: read the saved offset from offsetPath (none yet: start at 0)
      while (flag) {
        // TODO: wait for filePath to exist; open it and start at the offset
        // TODO: read the whole lines (bytes up to '\n') after the offset, decoded with charset,
        //       and hand them to channelProcessor (processEvent or processEventBatch)
        // TODO: a ChannelException (the channel is full) must not end this thread: wait, offer
        //       the same lines again
        // TODO: after the channel took them, save the new offset so that a kill -9 at any moment
        //       leaves a usable offset file
        // TODO: notice a rotated file (same name, another file) and a truncated one
        // TODO: at the end of the file, wait interval ms
        try {
          Thread.sleep(interval);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    public void setFlag(boolean flag) {
      this.flag = flag;
    }
  }
}
