package io.flumelab.cluster;

/**
 * Measures start time and resident memory of a cluster in a fresh JVM, for the figures in the docs:
 * {@code java -Djdk.net.hosts.file=... -cp ... io.flumelab.cluster.FootprintMain hdfs kafka3 mysql ganglia}.
 */
public final class FootprintMain {

  private FootprintMain() {}

  public static void main(String[] args) {
    boolean hdfs = false;
    int kafka = 0;
    boolean mysql = false;
    boolean ganglia = false;
    for (String arg : args) {
      switch (arg) {
        case "hdfs" -> hdfs = true;
        case "kafka1" -> kafka = 1;
        case "kafka3" -> kafka = 3;
        case "mysql" -> mysql = true;
        case "ganglia" -> ganglia = true;
        default -> throw new IllegalArgumentException(arg);
      }
    }
    long before = Footprint.selfRssMiB();
    long begin = System.nanoTime();
    try (Cluster cluster = new Cluster(new ClusterSpec(hdfs, kafka, mysql, ganglia))) {
      cluster.start(System.out::println);
      long millis = (System.nanoTime() - begin) / 1_000_000;
      System.gc();
      long children = Footprint.childrenRssMiB(
          cluster.services().stream().flatMap(s -> s.childPids().stream()).toList());
      System.out.printf("FOOTPRINT %s: started in %.1f s; JVM RSS %d MiB (%d before), children RSS %d MiB%n",
          String.join("+", args), millis / 1000.0, Footprint.selfRssMiB(), before, children);
      long stopBegin = System.nanoTime();
      cluster.stop();
      System.out.printf("FOOTPRINT %s: stopped in %.1f s%n", String.join("+", args),
          (System.nanoTime() - stopBegin) / 1e9);
    }
    System.exit(0);
  }
}
