#!/usr/bin/env bash
# kafka-configs.sh: Kafka 4.3.1's own tool (kafka.admin.ConfigCommand) to describe and alter the configs of topics, brokers and clients,
# against the brokers of bin/flumelab up:
#   bin/kafka-configs.sh --bootstrap-server hadoop102:9092 --entity-type topics --entity-name first --describe
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
run_kafka_tool kafka.admin.ConfigCommand kafka-configs.sh "$@"
