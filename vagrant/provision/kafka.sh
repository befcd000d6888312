#!/usr/bin/env bash
# Kafka in KRaft mode on every machine (broker and controller in one process, node.id 1, 2, 3 on
# hadoop102, 103, 105; clients use hadoop102:9092...), run from the distribution's lib/kafka and lib: the
# same Kafka as bin/kafka-*.sh and the agents' kafka components, nothing downloaded. Three brokers:
# topics with replication factor 2 or 3 work. Idempotent: the log directory is formatted once.
set -euo pipefail
# the service's own user runs commands below: from a directory it may enter
cd /
: "${NODE_ID:?the Vagrantfile passes the node id of this machine}"
# one cluster id for the three machines (any 22-character base64 UUID; fixed so reprovisioning agrees)
CLUSTER_ID=Rmx1bWVMYWJDb3Vyc2UwMQ
data=/var/lib/kafka

id kafka >/dev/null 2>&1 || useradd --system --home-dir "$data" --shell /usr/sbin/nologin kafka
mkdir -p "$data" /etc/kafka
chown kafka:kafka "$data"
cat >/etc/kafka/server.properties <<PROPERTIES
process.roles=broker,controller
node.id=$NODE_ID
controller.quorum.voters=1@hadoop102:9093,2@hadoop103:9093,3@hadoop105:9093
listeners=PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093
advertised.listeners=PLAINTEXT://$(hostname):9092
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$data/logs
num.partitions=1
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
PROPERTIES

kafka_java=(java -cp '/opt/flumelab/lib/kafka/*:/opt/flumelab/lib/*' -Dlog4j2.configurationFile=/opt/flumelab/conf/tools-log4j2.xml)
if [[ ! -f $data/logs/meta.properties ]]; then
  runuser -u kafka -- "${kafka_java[@]}" kafka.tools.StorageTool format -t "$CLUSTER_ID" \
    -c /etc/kafka/server.properties --ignore-formatted
fi

cat >/etc/systemd/system/kafka.service <<'UNIT'
[Unit]
Description=Kafka KRaft node (FlumeLab course cluster)
After=network-online.target
Wants=network-online.target

[Service]
User=kafka
Environment=FLUMELAB_KAFKA_HEAP=-Xmx512m
ExecStart=/usr/bin/java $FLUMELAB_KAFKA_HEAP -Dflumelab.log.level=INFO -Dlog4j2.configurationFile=/opt/flumelab/conf/tools-log4j2.xml -cp /opt/flumelab/lib/kafka/*:/opt/flumelab/lib/* kafka.Kafka /etc/kafka/server.properties
Restart=on-failure

[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
systemctl enable --now kafka
