#!/usr/bin/env bash
# Runs a command on a machine of the rehearsal (machines.sh): in its namespaces, as root in /root,
# with a clean environment (JAVA_HOME kept) and the stand-ins for what only the VMs have (systemctl)
# first on the PATH, as `vagrant ssh NAME -c COMMAND` would.
#   on.sh STATE NAME COMMAND...
set -euo pipefail
state=${1:?STATE}
name=${2:?NAME}
shift 2
init=$(cat "$state/$name/init.pid")
path=/srv/flumelab/vagrant/rehearsal/stand-ins:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
exec nsenter --target "$init" --mount --uts --ipc --net --pid --wd=/root \
  env -i HOME=/root USER=root LANG=C.UTF-8 PATH="${JAVA_HOME:+$JAVA_HOME/bin:}$path" \
  ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} "$@"
