#!/usr/bin/env bash
# hadoop102: Ganglia's gmond receiving the agents' metrics on UDP and serving them as XML on TCP, both
# on hadoop102:8649, in cluster "flumelab" (lab 11: -Dflume.monitoring.hosts=hadoop102:8649).
# The same settings as bin/flumelab up's gmond (VagrantGmondConfigTest compares them). Idempotent.
set -euo pipefail
# FLUMELAB_PACKAGES=present: the rehearsal (../rehearsal) on a machine that has them
if [[ ${FLUMELAB_PACKAGES:-install} == install ]] && ! dpkg -s ganglia-monitor >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ganglia-monitor >/dev/null
fi
config=/etc/ganglia/gmond.conf
wanted=$(cat <<'CONF'
globals {
  daemonize = yes
  setuid = yes
  user = ganglia
  debug_level = 0
  max_udp_msg_len = 1472
  mute = yes
  deaf = no
  allow_extra_data = yes
  host_dmax = 0
  cleanup_threshold = 300
  gexec = no
  send_metadata_interval = 0
}
cluster {
  name = "flumelab"
  owner = "flumelab"
}
host {
  location = "hadoop102"
}
udp_recv_channel {
  port = 8649
  family = inet4
}
tcp_accept_channel {
  port = 8649
  family = inet4
}
CONF
)
if [[ $(cat "$config") != "$wanted" ]]; then
  printf '%s\n' "$wanted" >"$config"
  systemctl restart ganglia-monitor
fi
systemctl enable --now ganglia-monitor
