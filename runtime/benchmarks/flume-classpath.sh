#!/usr/bin/env bash
# Writes Apache Flume 1.11's runtime classpath to DIR/cp.txt (default /tmp/flume-cp), resolved from
# Maven Central by a throwaway POM, for the benchmarks that run Flume beside FlumeLab. Nothing of
# Flume becomes part of FlumeLab. The classpath holds flume-ng-node, the Kafka sink and the file
# channel. MVN_OFFLINE=1 resolves from the local repository only (./mvnw -o).
set -euo pipefail
dir=${1:-/tmp/flume-cp}
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
mkdir -p "$dir"
cat >"$dir/pom.xml" <<'POM'
<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>tmp</groupId><artifactId>flume-cp</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.flume</groupId><artifactId>flume-ng-node</artifactId><version>1.11.0</version></dependency>
    <dependency><groupId>org.apache.flume.flume-ng-sinks</groupId><artifactId>flume-ng-kafka-sink</artifactId><version>1.11.0</version></dependency>
    <dependency><groupId>org.apache.flume.flume-ng-channels</groupId><artifactId>flume-file-channel</artifactId><version>1.11.0</version></dependency>
  </dependencies>
</project>
POM
"$home/mvnw" ${MVN_OFFLINE:+-o} -q -B -f "$dir/pom.xml" dependency:build-classpath -Dmdep.outputFile="$dir/cp.txt"
echo "Flume 1.11's classpath: $dir/cp.txt"
