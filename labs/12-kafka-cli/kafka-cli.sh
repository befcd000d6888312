#!/usr/bin/env bash
# Lab 12: the notes' Kafka commands, one step per argument, run from the checkout's root:
#   labs/12-kafka-cli/kafka-cli.sh create
# Write each step's command for Kafka 4: the notes' --zookeeper and --broker-list are gone (the
# wrappers in bin/ print what to write instead). Brokers: hadoop102:9092, hadoop103:9092, hadoop105:9092.
set -euo pipefail

todo() {
  echo "kafka-cli.sh $1: TODO, see the comment of this step" >&2
  exit 1
}

case "${1:-}" in
  create)
    # TODO: the topic first, with 2 partitions of 2 replicas each. The notes:
    #   bin/kafka-topics.sh --zookeeper hadoop102:2181 --create --topic sec --partitions 3 --replication-factor 2
    todo create ;;
  list)
    # TODO: list the topics. The notes: bin/kafka-topics.sh --zookeeper hadoop102:2181 --list
    todo list ;;
  describe)
    # TODO: describe first: each partition's leader, replicas and Isr.
    #   The notes: bin/kafka-topics.sh --zookeeper hadoop102:2181 --describe --topic sec
    todo describe ;;
  produce)
    # TODO: send the lines of stdin to first. The notes: bin/kafka-console-producer.sh --broker-list hadoop102:9092 --topic sec
    todo produce ;;
  consume)
    # TODO: print every message of first, the old ones too.
    #   The notes: bin/kafka-console-consumer.sh --zookeeper hadoop102:2181 --topic sec --from-beginning
    todo consume ;;
  group)
    # TODO: a consumer of first in the group of config/consumer.properties (group.id=test); the test
    #   starts this step twice and expects the two to share first's partitions. The notes:
    #   bin/kafka-console-consumer.sh --zookeeper hadoop102:2181 --topic first --consumer.config config/consumer.properties
    todo group ;;
  delete)
    # TODO: delete first. The notes: bin/kafka-topics.sh --zookeeper hadoop102:2181 --delete --topic first
    todo delete ;;
  *)
    echo "usage: $0 create|list|describe|produce|consume|group|delete" >&2
    exit 2 ;;
esac
