#!/usr/bin/env bash
# kafka-get-offsets.sh: Kafka 4.3.1's own tool (org.apache.kafka.tools.GetOffsetShell) to print each partition's offsets (the end by default),
# against the brokers of bin/flumelab up:
#   bin/kafka-get-offsets.sh --bootstrap-server hadoop102:9092 --topic first
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
run_kafka_tool org.apache.kafka.tools.GetOffsetShell kafka-get-offsets.sh "$@"
