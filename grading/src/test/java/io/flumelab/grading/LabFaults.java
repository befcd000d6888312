package io.flumelab.grading;

import java.util.List;
import java.util.Map;

/**
 * One known fault per lab, put into a copy of the lab's answer by {@link SyntheticClass#faults}:
 * grading that copy must lose exactly {@code lostTests}, each with a reason naming
 * {@code reasonNames}. Each is a slip a student plausibly makes, chosen so that the tests it loses
 * fail at once rather than after waiting out a time limit where the lab allows.
 */
final class LabFaults {

  /** A fault put into a lab's answer, the tests it must lose and a word their reason names. */
  record Fault(String file, String find, String replace, List<String> lostTests, String reasonNames) {}

  static final Map<String, Fault> FAULTS = Map.ofEntries(
      Map.entry("01-netcat-logger", new Fault("jobs/flume-netcat-logger.conf",
          "a1.sources.r1.port = 44444",
          "a1.sources.r1.port = 44444\na1.sources.r1.max-line-length = 1024",
          List.of("a line longer than 512 bytes is truncated with a warning and the next line "
              + "still arrives"), "max-line-length")),
      // Flume's default rollCount (10) left in place: 25 lines make three files
      Map.entry("02-exec-hdfs", new Fault("jobs/flume-exec-hdfs.conf",
          "a1.sinks.s1.hdfs.rollCount = 0\n", "",
          List.of("files roll by time and size, not by count: 25 lines go to one file"),
          "rollCount")),
      Map.entry("03-spooldir-hdfs", new Fault("jobs/flume-dir-hdfs.conf",
          "a3.sources.r3.fileHeader = true", "a3.sources.r3.fileHeader = false",
          List.of("the job passes flume-ng check without warnings: spooldir with file headers "
              + "-> memory -> hdfs"), "fileHeader")),
      // a directory that works, but not the one flume-3 was given
      Map.entry("04-replicating-multiplexing", new Fault("jobs/group1/flume-avro-file.conf",
          "a3.sinks.k1.sink.directory = ${FLUME3_DIR}",
          "a3.sinks.k1.sink.directory = ${FLUME3_DIR}/",
          List.of("the three jobs pass flume-ng check without warnings; flume-1 copies each line "
              + "to both avro sinks"), "sink.directory")),
      // Flume's default backoff: a failed sink is tried again at every call, which still
      // delivers. (round_robin instead of random loses the spreading tests as well: one sink
      // can take every line sent one at a time)
      Map.entry("05-sinkgroup", new Fault("jobs/group2/flume-netcat-avro.conf",
          "a1.sinkgroups.g1.processor.backoff = true",
          "a1.sinkgroups.g1.processor.backoff = false",
          List.of("the group picks sinks at random and leaves a failed sink out for at most 10 s"),
          "backoff")),
      Map.entry("06-fan-in", new Fault("jobs/group3/flume3-flume-logger.conf",
          "a3.sources.r1.bind = hadoop105", "a3.sources.r1.bind = 0.0.0.0",
          List.of("the three jobs pass flume-ng check without warnings; flume-1 and flume-2 send "
              + "to flume-3 at hadoop105:4141", "flume-3 listens on hadoop105 only"),
          "hadoop105")),
      // the date written otherwise: every line still lands in HDFS, under other directories
      Map.entry("07-topology-homework", new Fault("jobs/homework/flume3.conf",
          "hdfs://hadoop102:9000/flume/homework/%Y%m%d/%H",
          "hdfs://hadoop102:9000/flume/homework/%Y-%m-%d/%H",
          List.of("the four jobs pass flume-ng check without warnings and connect as the task's "
              + "table says"), "hdfs.path")),
      Map.entry("08-custom-source-sink", new Fault("src/main/java/com/atguigu/MySink.java",
          "prefix = context.getString(\"prefix\", \"hello:\");", "prefix = \"FlumeLab:\";",
          List.of("MySink wraps each body in the prefix and suffix the job sets, whatever they "
              + "are"), "<<varied>>")),
      // truncation not handled: a file cut to nothing is read from the old offset, past its end
      Map.entry("09-resumable-file-source", new Fault(
          "src/main/java/com/atguigu/MyFileSource2.java",
          "if (file.size() < offset.position()) {", "if (false) {",
          List.of("a rotated app.log (renamed, then a new one) and a truncated one are noticed "
              + "and read from their start"), "truncated")),
      // start.from read by the notes, not by this source: every row arrives
      Map.entry("10-mysql-source", new Fault("src/main/java/com/atguigu/source/SQLSourceHelper.java",
          "startFrom = context.getLong(\"start.from\", 0L);", "startFrom = 0L;",
          List.of("with start.from = 10 and no offset in flume_meta yet, only the rows after id "
              + "10 arrive"), "start.from")),
      // JAVA_OPTS written anew with the monitoring properties: the heap the task keeps is gone
      Map.entry("11-ganglia-monitoring", new Fault("conf/flume-env.sh",
          "export JAVA_OPTS=\"-Xmx512m -D", "export JAVA_OPTS=\"-D",
          List.of("an agent started with -c conf runs with Ganglia reporting and the heap the task "
              + "keeps, -Xmx512m"), "-Xmx512m")),
      // the stopped leader kept in the Isr
      Map.entry("12-kafka-cli", new Fault("questions.properties",
          "isr.after.stop = 3", "isr.after.stop = 2,3",
          List.of("questions.properties: the leader and Isr after the leader stops, and what "
              + "acks=all and acks=1 lose"), "isr.after.stop")),
      // the notes' callback: Kafka 4 passes a placeholder metadata with an error, never null
      Map.entry("13-kafka-api", new Fault("src/main/java/com/atguigu/kafka/CallbackProducer.java",
          "        if (exception != null) {\n"
              + "          deliveries.failed(record.value(), exception);\n"
              + "        } else {\n"
              + "          deliveries.delivered(record.value(), metadata);\n"
              + "        }",
          "        if (metadata != null) {\n"
              + "          deliveries.delivered(record.value(), metadata);\n"
              + "        } else {\n"
              + "          deliveries.failed(record.value(), exception);\n"
              + "        }",
          List.of("errors reach the callback: a partition the topic lacks, a topic whose broker "
              + "stopped", "errors reach the callback: a topic that does not exist, on brokers "
              + "that create none"), "test the exception first")),
      // the notes' acks
      Map.entry("14-flume-kafka", new Fault("jobs/flume-kafka.conf",
          "a1.sinks.k1.kafka.producer.acks = all", "a1.sinks.k1.kafka.producer.acks = 1",
          List.of("with acks=all, the leader of the partition being written stopped mid-stream, "
              + "no line is lost"), "kafka.producer.acks")),
      // the notes' own onSend: a record of topic and value only
      Map.entry("15-interceptors", new Fault("src/main/java/kafkatest/KafkaInterceptor.java",
          "    return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(),\n"
              + "        record.key(), stamped, record.headers());",
          "    return new ProducerRecord<>(record.topic(), stamped);",
          List.of("records keep their key, partition, headers and timestamp through the chain"),
          "The notes' onSend")),
      Map.entry("16-durability", new Fault("questions.properties", "batch.check.status = 1",
          "batch.check.status = 0",
          List.of("batch.* in questions.properties: what flume-ng check and flume-ng agent say "
              + "of given/batch-too-big.conf"), "batch.check.status")));

  private LabFaults() {}
}
