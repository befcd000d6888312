#!/usr/bin/env bash
# A second answer, written differently: every broker named, options with "=", a group named on
# the command line instead of in config/consumer.properties, and Kafka 4's --command-config unused.
set -eu
brokers=hadoop105:9092,hadoop103:9092,hadoop102:9092
topics() { bin/kafka-topics.sh --bootstrap-server="$brokers" "$@"; }

step=${1:?usage: kafka-cli.sh STEP}
if [ "$step" = create ]; then
  topics --topic=first --replication-factor=2 --partitions=2 --create
elif [ "$step" = list ]; then
  topics --list
elif [ "$step" = describe ]; then
  topics --topic=first --describe
elif [ "$step" = produce ]; then
  exec bin/kafka-console-producer.sh --topic=first --bootstrap-server="$brokers"
elif [ "$step" = consume ]; then
  exec bin/kafka-console-consumer.sh --from-beginning --topic=first --bootstrap-server="$brokers"
elif [ "$step" = group ]; then
  exec bin/kafka-console-consumer.sh --group=lab12-sharing --topic=first --bootstrap-server="$brokers"
elif [ "$step" = delete ]; then
  topics --topic=first --delete
else
  echo "unknown step $step" >&2
  exit 2
fi
