#!/usr/bin/env bash
# Lab 12: the notes' Kafka commands, one step per argument, run from the checkout's root:
#   labs/12-kafka-cli/kafka-cli.sh create
set -euo pipefail

case "${1:-}" in
  create)
    bin/kafka-topics.sh --bootstrap-server hadoop102:9092 --create --topic first --partitions 2 --replication-factor 2 ;;
  list)
    bin/kafka-topics.sh --bootstrap-server hadoop102:9092 --list ;;
  describe)
    bin/kafka-topics.sh --bootstrap-server hadoop102:9092 --describe --topic first ;;
  produce)
    bin/kafka-console-producer.sh --bootstrap-server hadoop102:9092 --topic first ;;
  consume)
    bin/kafka-console-consumer.sh --bootstrap-server hadoop102:9092 --topic first --from-beginning ;;
  group)
    bin/kafka-console-consumer.sh --bootstrap-server hadoop102:9092 --topic first --consumer.config config/consumer.properties ;;
  delete)
    bin/kafka-topics.sh --bootstrap-server hadoop102:9092 --delete --topic first ;;
  *)
    echo "usage: $0 create|list|describe|produce|consume|group|delete" >&2
    exit 2 ;;
esac
