#!/usr/bin/env bash
# What the dashboard costs with 5 agents reporting (docs/monitoring.md, "Dashboard"): the CPU time
# of its JVM over 60 s (utime + stime from /proc/<pid>/stat) and its resident memory and heap
# after warm-up, while a client polls /api/state once a second as an open page does. The services
# are those of `bin/flumelab up --only ganglia` (the dashboard probes them); each agent runs
# exec -> memory -> null at 20 events/s and announces itself as usual.
# Run from the checkout, holding the services' lock:
#   flock /tmp/flumelab-services.lock cluster/services/src/test/sh/dashboard-cost.sh [SECONDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../../../.."
seconds=${1:-60}
agents=5
port=${DASHBOARD_PORT:-18660}
export FLUMELAB_STATE_DIR
FLUMELAB_STATE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/dashboard-cost.XXXXXX")
export JAVA_OPTS="-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$FLUMELAB_STATE_DIR"
}
trap cleanup EXIT

bin/flumelab up --only ganglia --no-dashboard >"$FLUMELAB_STATE_DIR/up.log" 2>&1 &
up=$!
pids+=("$up")
until bin/flumelab status >/dev/null 2>&1; do
  kill -0 "$up" 2>/dev/null || { echo "flumelab up failed:" >&2; cat "$FLUMELAB_STATE_DIR/up.log" >&2; exit 1; }
  sleep 1
done

for i in $(seq 1 "$agents"); do
  job="$FLUMELAB_STATE_DIR/a$i.conf"
  cat >"$job" <<JOB
a$i.sources = r1
a$i.channels = c1
a$i.sinks = k1
a$i.sources.r1.type = exec
a$i.sources.r1.shell = /bin/bash -c
a$i.sources.r1.command = while true; do echo event; sleep 0.05; done
a$i.sources.r1.channels = c1
a$i.channels.c1.type = memory
a$i.sinks.k1.type = null
a$i.sinks.k1.channel = c1
JOB
  bin/flume-ng agent -n "a$i" -f "$job" >"$FLUMELAB_STATE_DIR/a$i.log" 2>&1 &
  pids+=($!)
done
waited=0
until [[ $(find "$FLUMELAB_STATE_DIR/run/agents" -name '*.agent.json' 2>/dev/null | wc -l) -ge $agents ]]; do
  ((waited++ < 120)) || { echo "the agents did not announce themselves; see $FLUMELAB_STATE_DIR/a*.log" >&2; exit 1; }
  sleep 1
done

# DASHBOARD_JAVA_OPTS replaces bin/flumelab's options for the dashboard's JVM (the services keep theirs)
FLUMELAB_JAVA_OPTS="${DASHBOARD_JAVA_OPTS:-}" bin/flumelab dashboard --port "$port" \
  >"$FLUMELAB_STATE_DIR/dashboard.log" 2>&1 &
dashboard=$!
pids+=("$dashboard")
until curl -sf "http://127.0.0.1:$port/api/state" >/dev/null; do sleep 0.5; done
curl -sf "http://127.0.0.1:$port/" "http://127.0.0.1:$port/dashboard.js" \
  "http://127.0.0.1:$port/api/topology.svg" >/dev/null
# an open page: the state once a second
( while true; do curl -sf "http://127.0.0.1:$port/api/state" >/dev/null || true; sleep 1; done ) &
pids+=($!)

ticks() { awk '{print $14 + $15}' "/proc/$dashboard/stat"; }
hz=$(getconf CLK_TCK)
sleep 20 # warm-up: classes loaded, the JIT done with the hot paths
before=$(ticks)
sleep "$seconds"
after=$(ticks)
running=$(curl -sf "http://127.0.0.1:$port/api/state" | grep -o '"state":"running"' | wc -l)
rss=$(awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$dashboard/status")
# what the dashboard adds to the machine: its private pages (what its exit frees), while the JVM's
# code and the JDK's class archive are shared with the agents' and the services' JVMs
private=$(awk '/^Private_(Clean|Dirty)/ {kb += $2} END {printf "%.1f", kb / 1024}' "/proc/$dashboard/smaps_rollup")
heap=$(jcmd "$dashboard" GC.heap_info 2>/dev/null | awk '/def new generation|tenured generation/ {
  for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); used += v } }
  END { printf "%.1f", used / 1024 }')
awk -v t=$((after - before)) -v hz="$hz" -v s="$seconds" -v rss="$rss" -v private="$private" \
  -v heap="$heap" -v n="$running" \
  'BEGIN { printf "dashboard with %d agents reporting: CPU %.2f %% of one core over %d s (%d ticks), resident %s MiB (private %s MiB), heap used %s MiB\n", n, t / hz / s * 100, s, t, rss, private, heap }'
# with DASHBOARD_JAVA_OPTS=-XX:NativeMemoryTracking=summary: where the resident memory goes
jcmd "$dashboard" VM.native_memory summary 2>/dev/null \
  | grep -E '^(Total|-[ ]+(Java Heap|Class|Thread|Code|GC|Internal|Other|Symbol|Metaspace|Shared class space|Arena Chunk))' || true
# with DASHBOARD_HISTOGRAM=1: the classes whose objects fill the heap, largest first
if [[ -n ${DASHBOARD_HISTOGRAM:-} ]]; then
  jcmd "$dashboard" GC.class_histogram 2>/dev/null | head -n 15
fi
