# Sourced by bin/flume-ng when started with -c conf. Set the agent JVM's options here.
# JAVA_OPTS="-Xms256m -Xmx1g"
# FLUME_CLASSPATH="/path/to/your/plugin.jar"
