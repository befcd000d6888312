#!/usr/bin/env bash
# kafka-topics.sh: Kafka 4.3.1's own tool (org.apache.kafka.tools.TopicCommand) to create, list, describe, alter and delete topics,
# against the brokers of bin/flumelab up:
#   bin/kafka-topics.sh --bootstrap-server hadoop102:9092 ...
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
run_kafka_tool org.apache.kafka.tools.TopicCommand kafka-topics.sh "$@"
