# Sourced by bin/flume-ng for every agent started with `-c <this directory>`.
# Lab 11, a second correct answer: JAVA_OPTS built up one option at a time, Flume's class name for
# the Ganglia reporter, gmond's address as a number (hadoop102 is 127.0.1.102), reports every 5 s.
JAVA_OPTS="-Xmx512m"
JAVA_OPTS="$JAVA_OPTS -Dflume.monitoring.type=org.apache.flume.instrumentation.GangliaServer"
JAVA_OPTS="$JAVA_OPTS -Dflume.monitoring.hosts=127.0.1.102:8649"
JAVA_OPTS="$JAVA_OPTS -Dflume.monitoring.pollFrequency=5"
export JAVA_OPTS
