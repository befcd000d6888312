#!/usr/bin/env bash
# HDFS: the NameNode on hadoop102 (hdfs://hadoop102:9000, web UI on 9870), a DataNode on every
# machine, clients and DataNodes reaching DataNodes by host name (dfs.client.use.datanode.hostname),
# as the course's jobs write hdfs://hadoop102:9000/... Apache Hadoop's binary release is downloaded
# once into the checkout's vagrant/.cache (shared by the three machines) and checked against the
# SHA-512 Apache publishes beside it. Idempotent: the NameNode is formatted only once.
set -euo pipefail
# the service's own user runs commands below: from a directory it may enter
cd /
HADOOP_VERSION=3.4.2
HADOOP_URL="https://archive.apache.org/dist/hadoop/common/hadoop-$HADOOP_VERSION/hadoop-$HADOOP_VERSION.tar.gz"
cache=/srv/flumelab/vagrant/.cache
home=/opt/hadoop-$HADOOP_VERSION
data=/var/lib/hadoop

if [[ ! -x $home/bin/hdfs ]]; then
  mkdir -p "$cache"
  tarball="$cache/hadoop-$HADOOP_VERSION.tar.gz"
  if [[ ! -f $tarball ]]; then
    curl -fsSL -o "$tarball.part" "$HADOOP_URL"
    curl -fsSL -o "$tarball.sha512" "$HADOOP_URL.sha512"
    expected=$(grep -oE '[0-9a-fA-F]{128}' "$tarball.sha512" | head -n 1)
    actual=$(sha512sum "$tarball.part" | cut -d ' ' -f 1)
    if [[ ${expected,,} != "${actual,,}" ]]; then
      echo "provision: $HADOOP_URL does not match its published SHA-512; remove $tarball.part and retry" >&2
      exit 1
    fi
    mv "$tarball.part" "$tarball"
  fi
  tar -xzf "$tarball" -C /opt
fi
ln -sfn "$home" /opt/hadoop
id hadoop >/dev/null 2>&1 || useradd --system --home-dir "$data" --shell /usr/sbin/nologin hadoop
mkdir -p "$data" /var/log/hadoop
chown hadoop:hadoop "$data" /var/log/hadoop

java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
# `hdfs dfs -ls /` on every PATH, as the notes use it
printf '#!/bin/sh\nJAVA_HOME=%s exec /opt/hadoop/bin/hdfs "$@"\n' "$java_home" >/usr/local/bin/hdfs
chmod 755 /usr/local/bin/hdfs
conf=/opt/hadoop/etc/hadoop
cat >"$conf/core-site.xml" <<XML
<?xml version="1.0"?>
<configuration>
  <property><name>fs.defaultFS</name><value>hdfs://hadoop102:9000</value></property>
  <property><name>hadoop.tmp.dir</name><value>$data/tmp</value></property>
</configuration>
XML
cat >"$conf/hdfs-site.xml" <<XML
<?xml version="1.0"?>
<configuration>
  <property><name>dfs.namenode.name.dir</name><value>$data/name</value></property>
  <property><name>dfs.datanode.data.dir</name><value>$data/data</value></property>
  <property><name>dfs.namenode.rpc-bind-host</name><value>0.0.0.0</value></property>
  <property><name>dfs.namenode.http-address</name><value>hadoop102:9870</value></property>
  <property><name>dfs.namenode.http-bind-host</name><value>0.0.0.0</value></property>
  <property><name>dfs.replication</name><value>2</value></property>
  <property><name>dfs.client.use.datanode.hostname</name><value>true</value></property>
  <property><name>dfs.datanode.use.datanode.hostname</name><value>true</value></property>
  <!-- agents write as the user who runs them -->
  <property><name>dfs.permissions.enabled</name><value>false</value></property>
</configuration>
XML

unit() {  # name, hdfs subcommand
  cat >"/etc/systemd/system/$1.service" <<UNIT
[Unit]
Description=HDFS $2 (FlumeLab course cluster)
After=network-online.target
Wants=network-online.target

[Service]
User=hadoop
Environment=JAVA_HOME=$java_home HADOOP_LOG_DIR=/var/log/hadoop HADOOP_HEAPSIZE_MAX=512m
ExecStart=/opt/hadoop/bin/hdfs $2
Restart=on-failure

[Install]
WantedBy=multi-user.target
UNIT
}

if [[ $(hostname) == hadoop102 ]]; then
  if [[ ! -d $data/name/current ]]; then
    runuser -u hadoop -- env JAVA_HOME="$java_home" /opt/hadoop/bin/hdfs namenode -format -nonInteractive \
      -clusterId flumelab
  fi
  unit hdfs-namenode namenode
fi
unit hdfs-datanode datanode
systemctl daemon-reload
[[ $(hostname) == hadoop102 ]] && systemctl enable --now hdfs-namenode
systemctl enable --now hdfs-datanode
