#!/usr/bin/env bash
# kafka-consumer-groups.sh: Kafka 4.3.1's own tool (org.apache.kafka.tools.consumer.group.ConsumerGroupCommand) to list and describe consumer groups and their offsets,
# against the brokers of bin/flumelab up:
#   bin/kafka-consumer-groups.sh --bootstrap-server hadoop102:9092 ...
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
run_kafka_tool org.apache.kafka.tools.consumer.group.ConsumerGroupCommand kafka-consumer-groups.sh "$@"
