#!/usr/bin/env bash
# kafka-console-consumer.sh: Kafka 4.3.1's own tool (org.apache.kafka.tools.consumer.ConsoleConsumer) to print a topic's messages,
# against the brokers of bin/flumelab up:
#   bin/kafka-console-consumer.sh --bootstrap-server hadoop102:9092 ...
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
run_kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer kafka-console-consumer.sh "$@"
