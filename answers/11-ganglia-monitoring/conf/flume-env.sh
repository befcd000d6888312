# Sourced by bin/flume-ng for every agent started with `-c <this directory>`.
# JAVA_OPTS holds the options of the agent's JVM, system properties (-D...) included.

# The agent's counters go to Ganglia's gmond at hadoop102:8649 every 10 seconds.
export JAVA_OPTS="-Xmx512m -Dflume.monitoring.type=ganglia -Dflume.monitoring.hosts=hadoop102:8649 -Dflume.monitoring.pollFrequency=10"
