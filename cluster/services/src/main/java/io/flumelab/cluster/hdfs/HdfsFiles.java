package io.flumelab.cluster.hdfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** What tests read back from HDFS: the files an hdfs sink wrote under a directory, as text lines. */
public final class HdfsFiles {

  private HdfsFiles() {}

  /**
   * Every file under the directory, at any depth, ordered by name (an hdfs sink's file numbers
   * count up); none if the directory does not exist. Files still open are included.
   */
  public static List<LocatedFileStatus> under(FileSystem fs, String directory) {
    Path dir = new Path(directory);
    List<LocatedFileStatus> files = new ArrayList<>();
    try {
      if (!fs.exists(dir)) {
        return files;
      }
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
      while (it.hasNext()) {
        files.add(it.next());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + directory, e);
    }
    files.sort(Comparator.comparing(file -> file.getPath().getName()));
    return files;
  }

  /** The lines of the files, file after file; what an open file holds up to its last flush. */
  public static List<String> lines(FileSystem fs, List<LocatedFileStatus> files) {
    List<String> lines = new ArrayList<>();
    for (LocatedFileStatus file : files) {
      try (InputStream in = fs.open(file.getPath())) {
        lines.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file.getPath(), e);
      }
    }
    return lines;
  }
}
