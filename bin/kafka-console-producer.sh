#!/usr/bin/env bash
# kafka-console-producer.sh: Kafka 4.3.1's own tool (org.apache.kafka.tools.ConsoleProducer) to send the lines of stdin to a topic,
# against the brokers of bin/flumelab up:
#   bin/kafka-console-producer.sh --bootstrap-server hadoop102:9092 ...
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
run_kafka_tool org.apache.kafka.tools.ConsoleProducer kafka-console-producer.sh "$@"
