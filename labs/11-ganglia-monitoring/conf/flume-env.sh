# Sourced by bin/flume-ng for every agent started with `-c <this directory>`.
# JAVA_OPTS holds the options of the agent's JVM, system properties (-D...) included.

# TODO: make every agent started with this conf directory send its counters to Ganglia's gmond
# at hadoop102:8649, once every 10 seconds (see the lab's README for the properties).
export JAVA_OPTS="-Xmx512m"
