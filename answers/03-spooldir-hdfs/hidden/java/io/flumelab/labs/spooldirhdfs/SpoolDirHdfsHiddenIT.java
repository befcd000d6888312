package io.flumelab.labs.spooldirhdfs;

import static io.flumelab.labs.spooldirhdfs.SpoolDir.awaitLines;
import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import io.flumelab.harness.LabTest;
import io.flumelab.harness.Points;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden (instructor-only) tests of lab 03: run by -Panswers and bin/flumelab grade, never by a
 * student's build. The public tests drop files named *.log with ASCII lines and a half.log.tmp;
 * this one varies the names (a .csv, a .csv.tmp) and spools a second file, in Chinese, after the
 * first was done.
 */
@LabTest
@LabCluster(hdfs = true)
@DisplayName("Lab 03 (hidden): spooldir -> memory -> HDFS")
class SpoolDirHdfsHiddenIT {

  @TempDir
  Path dir;

  private SpoolDir spoolDir;

  @BeforeEach
  void emptyDirs(FileSystem hdfs) throws IOException {
    spoolDir = SpoolDir.prepare(dir, hdfs);
  }

  @AfterEach
  void clean(FileSystem hdfs) throws IOException {
    SpoolDir.clean(hdfs);
  }

  @Test
  @Order(1)
  @Points(10)
  @DisplayName("files of other names arrive one after another, Chinese text intact; a .csv.tmp is left alone")
  void otherNamesAndChineseText(LabAgents agents, FileSystem hdfs) throws IOException {
    spoolDir.start(agents);

    spoolDir.drop("orders.csv.tmp", "订单 0,尚未写完");
    List<String> first = List.of("订单 1,北京,3", "订单 2,上海,5");
    spoolDir.drop("orders-2026-01.csv", first.toArray(String[]::new));
    spoolDir.awaitCompleted("orders-2026-01.csv");
    awaitLines(hdfs, first);

    List<String> second = List.of("日志：用户登录", "日志：用户下单 ✓", "mixed 中文 and ASCII");
    spoolDir.drop("access-2.txt", second.toArray(String[]::new));
    spoolDir.awaitCompleted("access-2.txt");
    List<String> both = new ArrayList<>(first);
    both.addAll(second);
    awaitLines(hdfs, both);

    assertThat(spoolDir.uploadDir.resolve("orders.csv.tmp")).as("orders.csv.tmp, still being "
        + "written: untouched (ignore every name ending in .tmp)").exists();
    assertThat(spoolDir.listing()).as("the spool directory")
        .doesNotContain("orders.csv.tmp.COMPLETED");
  }
}
