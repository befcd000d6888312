#!/usr/bin/env bash
# Every machine: the course's names in /etc/hosts, Java 17, and the FlumeLab distribution built in
# the checkout (distribution/target/flumelab-*-bin.tar.gz) installed as /opt/flumelab, its commands
# on the PATH.
# Idempotent: `vagrant provision` runs it again and it changes only what is not right yet (a newer
# archive is installed again; plugins.d is kept).
set -euo pipefail
: "${FLUMELAB_HOSTS:?the Vagrantfile passes the addresses of the three hosts}"

# Debian maps the machine's own name to 127.0.1.1: the NameNode and the brokers would listen on
# loopback only. The course's names go to their private-network addresses instead.
sed -i -e '/^127\.0\.1\.1[[:space:]]/d' -e '/[[:space:]]hadoop10[0-9]$/d' /etc/hosts
printf '%s\n' "$FLUMELAB_HOSTS" >>/etc/hosts

# FLUMELAB_PACKAGES=present: the rehearsal (../rehearsal) on a machine that has them
if [[ ${FLUMELAB_PACKAGES:-install} == install ]] && ! dpkg -s openjdk-17-jre-headless netcat-openbsd curl >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless netcat-openbsd curl >/dev/null
fi

archive=$(find /srv/flumelab/distribution/target -maxdepth 1 -name 'flumelab-*-bin.tar.gz' 2>/dev/null | sort | tail -n 1)
if [[ -z $archive ]]; then
  echo "provision: no distribution/target/flumelab-*-bin.tar.gz in the checkout; build it first:" \
    "./mvnw package -pl distribution -DskipTests" >&2
  exit 1
fi
name=$(basename "$archive" -bin.tar.gz)
if [[ ! -f /opt/$name/.installed || $archive -nt /opt/$name/.installed ]]; then
  rm -rf "/opt/$name.new"
  mkdir -p "/opt/$name.new"
  tar -xzf "$archive" -C "/opt/$name.new" --strip-components 1
  if [[ -d /opt/$name/plugins.d ]]; then
    cp -a "/opt/$name/plugins.d/." "/opt/$name.new/plugins.d/"
  fi
  touch "/opt/$name.new/.installed"
  rm -rf "/opt/$name"
  mv "/opt/$name.new" "/opt/$name"
  echo "provision: installed $name in /opt/$name"
fi
ln -sfn "/opt/$name" /opt/flumelab
# students add plugins without sudo (the rehearsal has no user vagrant)
if id vagrant >/dev/null 2>&1; then
  chown -R vagrant:vagrant /opt/flumelab/plugins.d
fi

# flume-ng and Kafka's tools on every PATH, `vagrant ssh -c` included (no login shell there): small
# wrappers, since a symbolic link would make the scripts look for lib/ beside /usr/local/bin
for command in /opt/flumelab/bin/flume-ng /opt/flumelab/bin/kafka-*.sh; do
  printf '#!/bin/sh\nexec %s "$@"\n' "$command" >"/usr/local/bin/$(basename "$command")"
  chmod 755 "/usr/local/bin/$(basename "$command")"
done
