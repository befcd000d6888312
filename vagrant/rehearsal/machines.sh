#!/usr/bin/env bash
# The course's three machines rehearsed on this one, where no VM boots. Each machine of ../hosts is a
# set of Linux namespaces: its own network (the address of ../hosts on a bridge shared with the other
# two, and no route out: traffic stays between the three), host name, processes (PID 1 is this
# script), private copies of /etc, /opt, /var and /usr/local (overlays whose changes land in
# STATE/NAME/upper), empty /root, /home and /tmp, and the checkout at /srv/flumelab as the
# Vagrantfile shares it. Given a directory of finished labs (LABS/NN-name/jobs), their jobs take the
# place of the checkout's labs/NN-name/jobs there, as a student's work would. The provisioning
# scripts run on the machines as on the VMs, with FLUMELAB_PACKAGES=present.
#
#   machines.sh up STATE CHECKOUT [LABS]   make the machines (root)
#   machines.sh down STATE                 kill every process on them and remove them (STATE stays)
#   on.sh STATE NAME COMMAND...            run a command on one of them
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
hosts_file=$here/../hosts
lan=flumelab-lan

names() { awk 'NF >= 2 && $1 !~ /^#/ { print $2 }' "$hosts_file"; }

up() {
  local state=$1 checkout labs=${3:-} address name init
  checkout=$(cd "$2" && pwd)
  if [[ -n $labs ]]; then
    labs=$(cd "$labs" && pwd)
  fi
  mkdir -p "$state"
  state=$(cd "$state" && pwd)
  ip netns add "$lan"
  ip -n "$lan" link add br0 type bridge
  ip -n "$lan" link set br0 up
  while read -r address name; do
    [[ -z $address || $address == \#* ]] && continue
    ip netns add "flumelab-$name"
    ip link add eth1 netns "flumelab-$name" type veth peer name "$name" netns "$lan"
    ip -n "$lan" link set "$name" master br0 up
    ip -n "flumelab-$name" link set lo up
    ip -n "flumelab-$name" addr add "$address/24" dev eth1
    ip -n "flumelab-$name" link set eth1 up
    # a new machine each time (`down` leaves the files for a look after a failure)
    rm -rf "${state:?}/$name"
    mkdir -p "$state/$name"
    setsid ip netns exec "flumelab-$name" unshare --mount --uts --ipc --pid --fork --mount-proc \
      --propagation private "$here/machines.sh" boot "$state/$name" "$checkout" "$name" "$labs" \
      </dev/null >"$state/$name/boot.log" 2>&1 &
    for _ in $(seq 100); do
      [[ -f $state/$name/ready ]] && break
      sleep 0.1
    done
    if [[ ! -f $state/$name/ready ]]; then
      echo "machines.sh: $name did not boot; its log:" >&2
      cat "$state/$name/boot.log" >&2
      exit 1
    fi
    # the machine's PID 1, seen from here: on.sh enters its namespaces
    init=$(ip netns pids "flumelab-$name" | while read -r pid; do
      if grep -qE $'^NSpid:\t[0-9]+\t1$' "/proc/$pid/status"; then echo "$pid"; fi
    done)
    echo "$init" >"$state/$name/init.pid"
    echo "machines.sh: $name at $address (PID 1 is $init here)"
  done <"$hosts_file"
}

# PID 1 of a machine, in its fresh namespaces: its file system and name, then it waits (reaping
# the orphans a killed shell leaves) until `down` kills it
boot() {
  local machine=$1 checkout=$2 name=$3 labs=$4 dir jobs lab
  mount --make-rprivate /
  for dir in etc opt var usr/local; do
    mkdir -p "$machine/upper/$dir" "$machine/work/$dir"
    mount -t overlay overlay \
      -o "lowerdir=/$dir,upperdir=$machine/upper/$dir,workdir=$machine/work/$dir" "/$dir"
  done
  # homes start empty, as on a new VM (this machine's ~/.flumelab would name other addresses)
  for dir in root home; do
    mkdir -p "$machine/$dir"
    mount --bind "$machine/$dir" "/$dir"
  done
  mount -t tmpfs tmpfs /srv
  mkdir /srv/flumelab
  mount --bind "$checkout" /srv/flumelab
  if [[ -n $labs ]]; then
    for jobs in "$labs"/*/jobs; do
      lab=/srv/flumelab/labs/$(basename "$(dirname "$jobs")")/jobs
      if [[ -d $lab ]]; then
        mount --bind "$jobs" "$lab"
      fi
    done
  fi
  hostname "$name"
  touch "$machine/ready"
  # last: the state directory and the checkout may lie under the host's /tmp
  mount -t tmpfs tmpfs /tmp
  trap 'exit 0' TERM
  while true; do
    sleep 3600 &
    wait $! || true
  done
}

down() {
  local state=$1 name
  for name in $(names); do
    if ip netns pids "flumelab-$name" >/dev/null 2>&1; then
      # a process may end between the listing and the kill (its PID 1 went first)
      ip netns pids "flumelab-$name" | xargs -r kill -9 2>/dev/null || true
      ip netns del "flumelab-$name"
    fi
    rm -f "$state/$name/init.pid"
  done
  if ip netns pids "$lan" >/dev/null 2>&1; then
    ip netns del "$lan"
  fi
}

case ${1:-} in
  up) up "${2:?STATE}" "${3:?CHECKOUT}" "${4:-}" ;;
  boot) boot "$2" "$3" "$4" "$5" ;;
  down) down "${2:?STATE}" ;;
  *) echo "usage: machines.sh up STATE CHECKOUT [LABS] | down STATE" >&2; exit 2 ;;
esac
