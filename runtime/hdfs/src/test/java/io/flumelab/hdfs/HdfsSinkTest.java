package io.flumelab.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.Context;
import io.flumelab.api.EventBuilder;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.Sink.Status;
import io.flumelab.api.Transaction;
import io.flumelab.core.channel.MemoryChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.compress.GzipCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hdfs sink against a real HDFS: a NameNode and a DataNode in this JVM. */
class HdfsSinkTest {

  @TempDir
  static File base;

  private static MiniDFSCluster cluster;
  private static FileSystem fs;

  private MemoryChannel channel;
  private HdfsSink sink;
  private String root;

  @BeforeAll
  static void startHdfs() throws IOException {
    Configuration conf = new Configuration();
    conf.setInt("dfs.replication", 1);
    cluster = new MiniDFSCluster.Builder(conf, new File(base, "hdfs")).numDataNodes(1).build();
    cluster.waitActive();
    fs = cluster.getFileSystem();
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown(true);
    }
  }

  @BeforeEach
  void channel(org.junit.jupiter.api.TestInfo test) {
    channel = new MemoryChannel();
    channel.setName("c1");
    channel.configure(new Context(Map.of("capacity", "1000", "transactionCapacity", "100")));
    channel.start();
    root = cluster.getURI() + "/" + test.getTestMethod().orElseThrow().getName();
  }

  @AfterEach
  void stop() {
    if (sink != null) {
      sink.stop();
    }
    channel.stop();
  }

  private HdfsSink start(String... settings) {
    sink = configured(settings);
    sink.setChannel(channel);
    sink.start();
    return sink;
  }

  private static HdfsSink configured(String... settings) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < settings.length; i += 2) {
      map.put(settings[i], settings[i + 1]);
    }
    HdfsSink configured = new HdfsSink();
    configured.setName("k1");
    configured.configure(new Context(map));
    return configured;
  }

  private void put(Map<String, String> headers, String... bodies) {
    put(headers, Arrays.stream(bodies).map(body -> body.getBytes(StandardCharsets.UTF_8))
        .toArray(byte[][]::new));
  }

  private void put(Map<String, String> headers, byte[]... bodies) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    for (byte[] body : bodies) {
      channel.put(EventBuilder.withBody(body, new HashMap<>(headers)));
    }
    tx.commit();
    tx.close();
  }

  private void put(String... bodies) {
    put(Map.of(), bodies);
  }

  private void drain() throws EventDeliveryException {
    while (sink.process() == Status.READY) {
      // until the channel is empty
    }
  }

  /** The files under a directory, oldest first (their numbers count up). */
  private static List<FileStatus> files(String dir) throws IOException {
    return Arrays.stream(fs.listStatus(new Path(dir)))
        .sorted(Comparator.comparing(status -> status.getPath().getName())).toList();
  }

  private static String text(FileStatus file) throws IOException {
    try (InputStream in = fs.open(file.getPath())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String[] range(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).toArray(String[]::new);
  }

  @Test
  void theCoursesSettingsWriteTextIntoHourlyDirectories() throws Exception {
    start("hdfs.path", root + "/flume/%Y%m%d/%H", "hdfs.filePrefix", "logs-",
        "hdfs.round", "true", "hdfs.roundValue", "1", "hdfs.roundUnit", "hour",
        "hdfs.useLocalTimeStamp", "true", "hdfs.batchSize", "100", "hdfs.fileType", "DataStream",
        "hdfs.rollInterval", "60", "hdfs.rollSize", "134217700", "hdfs.rollCount", "0",
        "hdfs.minBlockReplicas", "1");
    ZonedDateTime now = ZonedDateTime.now(ZoneId.systemDefault());
    put("line 1", "line 2", "line 3");

    drain();

    String dir = root + "/flume/" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd/HH"));
    List<FileStatus> open = files(dir);
    assertThat(open).hasSize(1);
    assertThat(open.get(0).getPath().getName()).matches("logs-\\.\\d{13}\\.tmp");
    assertThat(text(open.get(0))).as("flushed before the commit").isEqualTo("line 1\nline 2\nline 3\n");

    sink.stop();
    sink = null;
    List<FileStatus> closed = files(dir);
    assertThat(closed).hasSize(1);
    assertThat(closed.get(0).getPath().getName()).matches("logs-\\.\\d{13}");
    assertThat(text(closed.get(0))).isEqualTo("line 1\nline 2\nline 3\n");
  }

  @Test
  void rollCountStartsANewFileEveryNEvents() throws Exception {
    start("hdfs.path", root, "hdfs.fileType", "DataStream", "hdfs.rollCount", "3",
        "hdfs.rollInterval", "0", "hdfs.rollSize", "0");
    put(range("e", 7));

    drain();
    sink.stop();
    sink = null;

    List<FileStatus> files = files(root);
    assertThat(files).extracting(HdfsSinkTest::text)
        .containsExactly("e0\ne1\ne2\n", "e3\ne4\ne5\n", "e6\n");
    assertThat(files).allSatisfy(file ->
        assertThat(file.getPath().getName()).matches("FlumeData\\.\\d{13}"));
  }

  @Test
  void rollSizeStartsANewFileOnceTheBytesAreReached() throws Exception {
    start("hdfs.path", root, "hdfs.fileType", "DataStream", "hdfs.rollSize", "20",
        "hdfs.rollCount", "0", "hdfs.rollInterval", "0");
    put("0123456789", "0123456789", "0123456789", "0123456789", "x");

    drain();
    sink.stop();
    sink = null;

    assertThat(files(root)).extracting(HdfsSinkTest::text)
        .containsExactly("0123456789\n0123456789\n", "0123456789\n0123456789\n", "x\n");
  }

  @Test
  void rollIntervalClosesTheFileWithoutNewEvents() throws Exception {
    start("hdfs.path", root, "hdfs.fileType", "DataStream", "hdfs.rollInterval", "1",
        "hdfs.rollCount", "0", "hdfs.rollSize", "0", "hdfs.fileSuffix", ".log");
    put("a", "b");

    drain();

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(files(root)).singleElement().satisfies(file -> {
          assertThat(file.getPath().getName()).matches("FlumeData\\.\\d{13}\\.log");
          assertThat(text(file)).isEqualTo("a\nb\n");
        }));
    assertThat(sink.getCounter().get("ConnectionClosedCount")).isEqualTo(1);
  }

  @Test
  void idleTimeoutClosesAFileNothingWasWrittenTo() throws Exception {
    start("hdfs.path", root, "hdfs.fileType", "DataStream", "hdfs.rollInterval", "0",
        "hdfs.rollCount", "0", "hdfs.rollSize", "0", "hdfs.idleTimeout", "1");
    put("quiet");

    drain();

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(files(root)).singleElement().satisfies(file ->
            assertThat(file.getPath().getName()).doesNotEndWith(".tmp")));
    put("again");
    drain();
    assertThat(files(root)).hasSize(2);
  }

  @Test
  void headersAndTheEventsTimeChooseTheBucket() throws Exception {
    start("hdfs.path", root + "/%{type}/%Y-%m-%d", "hdfs.timeZone", "UTC",
        "hdfs.fileType", "DataStream", "hdfs.filePrefix", "%{type}-");
    long jan2 = ZonedDateTime.of(2026, 1, 2, 10, 0, 0, 0, ZoneId.of("UTC")).toInstant().toEpochMilli();
    put(Map.of("type", "a", "timestamp", String.valueOf(jan2)), "first a");
    put(Map.of("type", "b", "timestamp", String.valueOf(jan2 + 86_400_000L)), "first b");

    drain();
    sink.stop();
    sink = null;

    assertThat(files(root + "/a/2026-01-02")).singleElement().satisfies(file -> {
      assertThat(file.getPath().getName()).startsWith("a-.");
      assertThat(text(file)).isEqualTo("first a\n");
    });
    assertThat(files(root + "/b/2026-01-03")).extracting(HdfsSinkTest::text)
        .containsExactly("first b\n");
  }

  @Test
  void anEventWithoutTheTimestampItsPathNeedsStaysInTheChannel() {
    start("hdfs.path", root + "/%Y", "hdfs.fileType", "DataStream");
    put("no time");

    assertThatThrownBy(sink::process).isInstanceOf(EventDeliveryException.class)
        .hasMessageContaining("stay in channel c1")
        .hasMessageContaining("hdfs.useLocalTimeStamp");
    assertThat(channel.size()).isEqualTo(1);
    assertThat(sink.getCounter().get("EventWriteFail")).isEqualTo(1);
  }

  @Test
  void sequenceFileOfTimestampAndBodyIsTheDefault() throws Exception {
    start("hdfs.path", root);
    put(Map.of("timestamp", "1700000000000"), "seq body");

    drain();
    sink.stop();
    sink = null;

    FileStatus file = files(root).get(0);
    try (SequenceFile.Reader reader = new SequenceFile.Reader(fs.getConf(),
        SequenceFile.Reader.file(file.getPath()))) {
      LongWritable key = new LongWritable();
      BytesWritable value = new BytesWritable();
      assertThat(reader.next(key, value)).isTrue();
      assertThat(key.get()).isEqualTo(1700000000000L);
      assertThat(new String(value.copyBytes(), StandardCharsets.UTF_8)).isEqualTo("seq body");
      assertThat(reader.next(key, value)).isFalse();
    }
  }

  @Test
  void aBlockCompressedSequenceFileHoldsEveryCommittedBatch() throws Exception {
    start("hdfs.path", root, "hdfs.codeC", "gzip", "hdfs.rollCount", "0", "hdfs.rollSize", "0",
        "hdfs.rollInterval", "0");
    put(Map.of("timestamp", "1"), "compressed 1", "compressed 2");

    drain(); // committed: the block must be in HDFS although the file is still open

    FileStatus file = files(root).get(0);
    assertThat(file.getPath().getName()).matches("FlumeData\\.\\d{13}\\.gz\\.tmp");
    List<String> bodies = new java.util.ArrayList<>();
    try (SequenceFile.Reader reader = new SequenceFile.Reader(fs.getConf(),
        SequenceFile.Reader.file(file.getPath()))) {
      LongWritable key = new LongWritable();
      BytesWritable value = new BytesWritable();
      while (reader.next(key, value)) {
        bodies.add(new String(value.copyBytes(), StandardCharsets.UTF_8));
      }
    }
    assertThat(bodies).containsExactly("compressed 1", "compressed 2");
  }

  @Test
  void textRecordsKeepBytesThatAreNotUtf8() throws Exception {
    start("hdfs.path", root, "hdfs.writeFormat", "Text");
    byte[] gbk = "日志".getBytes(java.nio.charset.Charset.forName("GBK"));
    put(Map.of(), gbk);

    drain();
    sink.stop();
    sink = null;

    try (SequenceFile.Reader reader = new SequenceFile.Reader(fs.getConf(),
        SequenceFile.Reader.file(files(root).get(0).getPath()))) {
      LongWritable key = new LongWritable();
      org.apache.hadoop.io.Text value = new org.apache.hadoop.io.Text();
      assertThat(reader.next(key, value)).isTrue();
      assertThat(value.copyBytes()).isEqualTo(gbk);
    }
  }

  @Test
  void compressedStreamCanBeReadBackAfterEveryBatch() throws Exception {
    start("hdfs.path", root, "hdfs.fileType", "CompressedStream", "hdfs.codeC", "gzip",
        "hdfs.rollCount", "0", "hdfs.rollSize", "0", "hdfs.rollInterval", "0", "hdfs.batchSize", "2");
    put("z1", "z2", "z3");

    drain(); // two batches: two gzip members in one file

    GzipCodec gzip = new GzipCodec();
    gzip.setConf(fs.getConf());
    FileStatus file = files(root).get(0);
    assertThat(file.getPath().getName()).as("named with the codec's extension, as Flume does")
        .matches("FlumeData\\.\\d{13}\\.gz\\.tmp");
    try (InputStream in = gzip.createInputStream(fs.open(file.getPath()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("z1\nz2\nz3\n");
    }
  }

  @Test
  void whileHdfsCannotStoreBatchesStayInTheChannelAndArriveAfterwards() throws Exception {
    start("hdfs.path", root, "hdfs.fileType", "DataStream", "hdfs.rollInterval", "0",
        "hdfs.rollCount", "0", "hdfs.rollSize", "0", "hdfs.retryInterval", "1");
    put("before");
    drain();

    // the only DataNode goes: the open file's write pipeline breaks, and no new block can be placed
    MiniDFSCluster.DataNodeProperties dataNode = cluster.stopDataNode(0);
    try {
      put("during 1", "during 2");
      assertThatThrownBy(sink::process).isInstanceOf(EventDeliveryException.class)
          .hasMessageContaining("stay in channel c1");
      assertThat(channel.size()).isEqualTo(2);
    } finally {
      cluster.restartDataNode(dataNode, true);
      cluster.waitActive();
    }

    await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> sink.process() == Status.READY && channel.size() == 0);
    // the file open when the DataNode went is closed by lease recovery and renamed, while the
    // sink runs (retried every hdfs.retryInterval); stopping closes the newer one
    await().atMost(Duration.ofSeconds(60)).until(() -> files(root).stream()
        .filter(file -> file.getPath().getName().endsWith(".tmp")).count() == 1);
    sink.stop();
    sink = null;
    assertThat(files(root)).noneMatch(file -> file.getPath().getName().endsWith(".tmp"));
    String all = String.join("", files(root).stream().map(HdfsSinkTest::textQuietly).toList());
    assertThat(all).contains("before\n", "during 1\n", "during 2\n");
  }

  private static String textQuietly(FileStatus file) {
    try {
      return text(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void badSettingsAreConfigurationErrorsNamingTheKey() {
    assertThatThrownBy(() -> configured()).hasMessageContaining("needs hdfs.path");
    assertThatThrownBy(() -> configured("hdfs.path", "/x", "hdfs.fileType", "DataStream",
        "hdfs.codeC", "gzip")).hasMessageContaining("would be ignored");
    assertThatThrownBy(() -> configured("hdfs.path", "/x", "hdfs.fileType", "CompressedStream"))
        .hasMessageContaining("needs hdfs.codeC");
    assertThatThrownBy(() -> configured("hdfs.path", "/x", "hdfs.fileType", "CompressedStream",
        "hdfs.codeC", "zstdx")).hasMessageContaining("no codec 'zstdx'");
    assertThatThrownBy(() -> configured("hdfs.path", "/x", "hdfs.fileType", "Parquet"))
        .hasMessageContaining("hdfs.fileType 'Parquet' is not one of SequenceFile, DataStream");
    assertThatThrownBy(() -> configured("hdfs.path", "/x", "hdfs.round", "true",
        "hdfs.roundUnit", "day"))
        .hasMessageContaining("hdfs.roundUnit 'day' is not one of second, minute, hour");
    assertThatThrownBy(() -> configured("hdfs.path", "/x", "serializer", "avro_event"))
        .hasMessageContaining("serializer 'avro_event' is not available");
    assertThatThrownBy(() -> configured("hdfs.path", "/x", "hdfs.kerberosPrincipal", "flume/_HOST"))
        .hasMessageContaining("Kerberos");
    assertThatThrownBy(() -> configured("hdfs.path", "/x", "hdfs.timeZone", "Mars/Olympus"))
        .hasMessageContaining("unknown time zone");
    assertThatThrownBy(() -> configured("hdfs.path", "/x", "hdfs.batchSize", "0"))
        .hasMessageContaining("hdfs.batchSize must be 1 or more, not 0");
  }
}
