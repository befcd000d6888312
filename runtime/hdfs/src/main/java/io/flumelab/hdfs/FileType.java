package io.flumelab.hdfs;

import io.flumelab.api.Event;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionOutputStream;

/**
 * {@code hdfs.fileType}: how events become bytes in a file.
 *
 * <ul>
 *   <li>{@code DataStream}: each body followed by a newline (the TEXT serializer).
 *   <li>{@code CompressedStream}: the same through {@code hdfs.codeC}; each flush ends a compressed
 *       member, so what was flushed can be read back (gzip and bzip2 read concatenated members).
 *   <li>{@code SequenceFile}: Hadoop's SequenceFile of (LongWritable timestamp, body), the body a
 *       BytesWritable ({@code hdfs.writeFormat = Writable}) or a Text ({@code Text}); block
 *       compressed with {@code hdfs.codeC} if set.
 * </ul>
 */
enum FileType {
  DATA_STREAM("DataStream"),
  COMPRESSED_STREAM("CompressedStream"),
  SEQUENCE_FILE("SequenceFile");

  private final String flumeName;

  FileType(String flumeName) {
    this.flumeName = flumeName;
  }

  String flumeName() {
    return flumeName;
  }

  static FileType named(String name) {
    for (FileType type : values()) {
      if (type.flumeName.toLowerCase(Locale.ROOT).equals(name.trim().toLowerCase(Locale.ROOT))) {
        return type;
      }
    }
    return null;
  }

  /** What a file of this type needs besides its path. */
  record Options(CompressionCodec codec, boolean textRecords, boolean appendNewline) {}

  HdfsFile create(FileSystem fs, Path path, Configuration conf, Options options)
      throws IOException {
    return switch (this) {
      case DATA_STREAM -> new TextFile(fs.create(path, false), null, options.appendNewline());
      case COMPRESSED_STREAM -> compressed(fs.create(path, false), options);
      case SEQUENCE_FILE -> new SequenceFileFile(conf, path, options);
    };
  }

  private static HdfsFile compressed(FSDataOutputStream raw, Options options) throws IOException {
    try {
      return new TextFile(raw, options.codec(), options.appendNewline());
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Bodies as lines, raw or through a codec. */
  private static final class TextFile implements HdfsFile {
    private final FSDataOutputStream raw;
    private final CompressionOutputStream compressed;
    private final OutputStream out;
    private final boolean appendNewline;
    private boolean memberFinished;

    TextFile(FSDataOutputStream raw, CompressionCodec codec, boolean appendNewline)
        throws IOException {
      this.raw = raw;
      this.compressed = codec == null ? null : codec.createOutputStream(raw);
      this.out = compressed == null ? raw : compressed;
      this.appendNewline = appendNewline;
    }

    @Override
    public void append(Event event) throws IOException {
      if (memberFinished) {
        compressed.resetState();
        memberFinished = false;
      }
      out.write(event.getBody());
      if (appendNewline) {
        out.write('\n');
      }
    }

    @Override
    public void flush() throws IOException {
      if (compressed != null && !memberFinished) {
        compressed.finish();
        memberFinished = true;
      }
      raw.hflush();
    }

    @Override
    public void close() throws IOException {
      try {
        flush();
      } finally {
        out.close();
      }
    }
  }

  /** (timestamp, body) records. */
  private static final class SequenceFileFile implements HdfsFile {
    private final SequenceFile.Writer writer;
    private final boolean textRecords;
    private final LongWritable key = new LongWritable();

    SequenceFileFile(Configuration conf, Path path, Options options) throws IOException {
      this.textRecords = options.textRecords();
      SequenceFile.Writer.Option compression = options.codec() == null
          ? SequenceFile.Writer.compression(SequenceFile.CompressionType.NONE)
          : SequenceFile.Writer.compression(SequenceFile.CompressionType.BLOCK, options.codec());
      this.writer = SequenceFile.createWriter(conf, SequenceFile.Writer.file(path),
          SequenceFile.Writer.keyClass(LongWritable.class),
          SequenceFile.Writer.valueClass(textRecords ? Text.class : BytesWritable.class),
          compression);
    }

    @Override
    public void append(Event event) throws IOException {
      key.set(timestamp(event));
      if (textRecords) {
        writer.append(key, new Text(event.getBody())); // the bytes as they are, like Flume
      } else {
        writer.append(key, new BytesWritable(event.getBody()));
      }
    }

    private static long timestamp(Event event) {
      String header = event.getHeaders().get("timestamp");
      if (header != null) {
        try {
          return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
          // not a time: the record gets the time it was written, as without the header
        }
      }
      return System.currentTimeMillis();
    }

    @Override
    public void flush() throws IOException {
      // a block-compressed writer keeps records in memory until sync() writes the block
      writer.sync();
      writer.hflush();
    }

    @Override
    public void close() throws IOException {
      try {
        flush();
      } finally {
        writer.close();
      }
    }
  }
}
