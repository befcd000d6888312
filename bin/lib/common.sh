# shellcheck shell=bash
# Shared by the bin/ commands: locate FlumeLab's home and, in a checkout, build the runtime (or the
# services) on first use.

FLUMELAB_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LAUNCHER_TARGET="$FLUMELAB_HOME/runtime/launcher/target"
SERVICES_TARGET="$FLUMELAB_HOME/cluster/services/target"
# Two layouts share these scripts. A checkout builds the runtime from its sources into
# runtime/launcher/target (the launcher's jar, lib/, compat/flume). A binary distribution
# (flumelab-<version>-bin.tar.gz, unpacked) holds it built and needs no Maven: the launcher's jar and
# its libraries in lib/, Flume's compatibility jars in lib/compat/flume, Kafka's tools in lib/kafka.
# shellcheck disable=SC2034 # COMPAT_DIR is read by bin/flume-ng, which sources this file
if [[ -f "$FLUMELAB_HOME/runtime/launcher/pom.xml" ]]; then
  FLUMELAB_LAYOUT=checkout
  RUNTIME_LIB="$LAUNCHER_TARGET/lib"
  COMPAT_DIR="$LAUNCHER_TARGET/compat/flume"
  TOOLS_LOG_CONFIG="$FLUMELAB_HOME/cluster/services/src/main/config/log4j2-cli.xml"
else
  FLUMELAB_LAYOUT=distribution
  RUNTIME_LIB="$FLUMELAB_HOME/lib"
  COMPAT_DIR="$FLUMELAB_HOME/lib/compat/flume"
  TOOLS_LOG_CONFIG="$FLUMELAB_HOME/conf/tools-log4j2.xml"
fi
# the user's FlumeLab files: conf/ (hosts file, flume-env.sh for -c) and run/ (flumelab up's session)
FLUMELAB_STATE_DIR="${FLUMELAB_STATE_DIR:-$HOME/.flumelab}"
FLUMELAB_HOSTS_FILE="$FLUMELAB_STATE_DIR/conf/hosts"

# Prints the first of the paths given that exists (a glob's first match), or nothing.
first_file() {
  local path
  for path in "$@"; do
    if [[ -e $path ]]; then
      echo "$path"
      return 0
    fi
  done
}

# Prints the first source file under the directories given that is newer than the jar, if any.
newer_source() {
  local jar=$1
  shift
  find "$@" -path '*/target' -prune -o -path '*/target-*' -prune -o \
    \( -name '*.java' -o -name 'pom.xml' -o -name '*.xml' -o -name '*.properties' \) \
    -newer "$jar" -print -quit 2>/dev/null
}

# Builds a module and the modules it needs, printing a line per module (a first build downloads a
# few hundred MB and would otherwise look hung) and, if it fails, the end of Maven's log.
build_module() {
  local module=$1
  local log
  log=$(mktemp "${TMPDIR:-/tmp}/flumelab-build.XXXXXX")
  local status=0
  (cd "$FLUMELAB_HOME" && ./mvnw -B -ntp -pl "$module" package -DskipTests) >"$log" 2>&1 &
  local build=$!
  local shown=0
  while kill -0 "$build" 2>/dev/null; do
    shown=$(show_build_progress "$log" "$shown")
    sleep 1
  done
  wait "$build" || status=$?
  show_build_progress "$log" "$shown" >/dev/null
  if [[ $status -ne 0 ]]; then
    echo "flumelab: the build failed; the end of its log ($log):" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  rm -f "$log"
}

# Prints the "Building <module> [n/m]" lines of a Maven log after the first $2; echoes their count.
show_build_progress() {
  local lines
  mapfile -t lines < <(sed -n 's/^\[INFO\] Building \(.*\) [0-9][^ ]* *\(\[[0-9]*\/[0-9]*\]\)$/\2 \1/p' "$1")
  local i
  for ((i = $2; i < ${#lines[@]}; i++)); do
    echo "flumelab:   ${lines[$i]}" >&2
  done
  echo "${#lines[@]}"
}

# The agent's classpath: the launcher's jar and its libraries, built first in a checkout.
runtime_classpath() {
  if [[ $FLUMELAB_LAYOUT == distribution ]]; then
    local jar
    jar=$(first_file "$RUNTIME_LIB"/flumelab-launcher-*.jar)
    if [[ -z "$jar" ]]; then
      echo "flumelab: $RUNTIME_LIB holds no flumelab-launcher jar: this is neither a checkout of" \
        "FlumeLab nor an unpacked flumelab-<version>-bin.tar.gz; unpack the archive again" >&2
      exit 1
    fi
    echo "$RUNTIME_LIB/*"
  else
    ensure_runtime_built
    echo "$(first_file "$LAUNCHER_TARGET"/flumelab-launcher-*.jar):$RUNTIME_LIB/*"
  fi
}

# Builds the agent launcher and its libraries when missing or older than the sources.
ensure_runtime_built() {
  local jar
  jar=$(first_file "$LAUNCHER_TARGET"/flumelab-launcher-*.jar)
  if [[ -n "$jar" && -d "$LAUNCHER_TARGET/lib" ]]; then
    local newer
    newer=$(newer_source "$jar" "$FLUMELAB_HOME/runtime")
    [[ -z "$newer" ]] && return 0
    echo "flumelab: sources changed since the last build ($newer); rebuilding the runtime..." >&2
  else
    echo "flumelab: building the runtime (first run; takes a minute)..." >&2
  fi
  build_module runtime/launcher
  # an unchanged jar is not rewritten; mark it built so a changed test file is not rebuilt each time
  touch "$LAUNCHER_TARGET"/flumelab-launcher-*.jar
}

# Builds cluster/services, and the runtime it uses, with its libraries in target/lib, when missing
# or older than the sources. FLUMELAB_SERVICES_CLASSPATH, when set, is used instead (tests run the
# scripts from their own classpath).
ensure_services_built() {
  [[ -n "${FLUMELAB_SERVICES_CLASSPATH:-}" ]] && return 0
  # a distribution's Kafka tools come built in lib/kafka; it has no services to build
  [[ $FLUMELAB_LAYOUT == distribution ]] && return 0
  local jar
  jar=$(first_file "$SERVICES_TARGET"/flumelab-services-*.jar)
  if [[ -n "$jar" && -d "$SERVICES_TARGET/lib" ]]; then
    local newer
    newer=$(newer_source "$jar" "$FLUMELAB_HOME/runtime" "$FLUMELAB_HOME/cluster")
    [[ -z "$newer" ]] && return 0
    echo "flumelab: sources changed since the last build ($newer); rebuilding the services..." >&2
  else
    echo "flumelab: building the services and the runtime (first run; takes a few minutes)..." >&2
  fi
  build_module cluster/services
  # an unchanged jar is not rewritten; mark it built so a changed test file is not rebuilt each time
  touch "$SERVICES_TARGET"/flumelab-services-*.jar
}

# Builds grading/ (bin/flumelab grade) with its libraries in target/lib when missing or older than
# its sources. FLUMELAB_GRADING_CLASSPATH, when set, is used instead (tests run the command from
# their own classpath).
GRADING_TARGET="$FLUMELAB_HOME/grading/target"
ensure_grading_built() {
  [[ -n "${FLUMELAB_GRADING_CLASSPATH:-}" ]] && return 0
  local jar
  jar=$(first_file "$GRADING_TARGET"/flumelab-grading-*.jar)
  if [[ -n "$jar" && -d "$GRADING_TARGET/lib" ]]; then
    local newer
    newer=$(newer_source "$jar" "$FLUMELAB_HOME/grading")
    [[ -z "$newer" ]] && return 0
    echo "flumelab: sources changed since the last build ($newer); rebuilding grading..." >&2
  else
    echo "flumelab: building grading (first run)..." >&2
  fi
  build_module grading
  touch "$GRADING_TARGET"/flumelab-grading-*.jar
}

grading_classpath() {
  if [[ -n "${FLUMELAB_GRADING_CLASSPATH:-}" ]]; then
    echo "$FLUMELAB_GRADING_CLASSPATH"
  else
    echo "$(first_file "$GRADING_TARGET"/flumelab-grading-*.jar):$GRADING_TARGET/lib/*"
  fi
}

# The classpath of bin/flumelab and bin/kafka-*.sh: the services, Kafka's tools, Hadoop's client.
services_classpath() {
  if [[ -n "${FLUMELAB_SERVICES_CLASSPATH:-}" ]]; then
    echo "$FLUMELAB_SERVICES_CLASSPATH"
  elif [[ $FLUMELAB_LAYOUT == distribution ]]; then
    # lib/kafka holds only what lib/ lacks (kafka-clients and the compression codecs are in lib/)
    echo "$FLUMELAB_HOME/lib/kafka/*:$FLUMELAB_HOME/lib/*"
  else
    echo "$(first_file "$SERVICES_TARGET"/flumelab-services-*.jar):$SERVICES_TARGET/lib/*"
  fi
}

# The classpath of bin/flumelab dashboard: the services' jar and the few libraries the dashboard
# needs (cluster/services/pom.xml says which, and why not all of target/lib).
dashboard_classpath() {
  if [[ -n "${FLUMELAB_DASHBOARD_CLASSPATH:-}" ]]; then
    echo "$FLUMELAB_DASHBOARD_CLASSPATH"
  else
    echo "$(first_file "$SERVICES_TARGET"/flumelab-services-*.jar):$SERVICES_TARGET/dashboard-lib/*"
  fi
}

# Writes the hosts file mapping hadoop102, hadoop103 and hadoop105 on first use (flumelab up
# rewrites it each time). A distribution runs where the system resolves those names (the course's
# machines, vagrant/): it writes none.
ensure_hosts_file() {
  if [[ $FLUMELAB_LAYOUT == checkout && ! -f "$FLUMELAB_HOSTS_FILE" ]]; then
    "$(java_cmd)" -cp "$(services_classpath)" io.flumelab.cluster.Hosts "$FLUMELAB_HOSTS_FILE" >&2
  fi
}

# JVM options, one a line, that make a JVM resolve the course's names like the services do, and log
# warnings only, to stderr.
services_jvm_options() {
  # a hosts file that does not exist would make the JVM resolve no name at all
  [[ -f "$FLUMELAB_HOSTS_FILE" ]] && echo "-Djdk.net.hosts.file=$FLUMELAB_HOSTS_FILE"
  echo "-Dlog4j2.configurationFile=$TOOLS_LOG_CONFIG"
  echo "-Dflumelab.home=$FLUMELAB_HOME"
  echo "-Dflumelab.state.dir=$FLUMELAB_STATE_DIR"
}

# Runs one of Kafka's own tool classes (bin/kafka-*.sh), as Kafka's scripts do, against the
# services' brokers. The notes' --zookeeper host:2181 and --broker-list forms are answered here,
# without a JVM: Kafka 4 has no ZooKeeper (KRaft), and every tool takes --bootstrap-server.
run_kafka_tool() {
  local main_class=$1 script=$2
  shift 2
  local arg
  for arg in "$@"; do
    case "$arg" in
      --zookeeper|--zookeeper=*|--broker-list|--broker-list=*) explain_bootstrap_server "$script" "$@" ;;
    esac
  done
  ensure_services_built
  ensure_hosts_file
  # the notes' --consumer.config (and --producer.config) is Kafka 4's deprecated name of
  # --command-config, which would print a warning among the messages on stdout: pass the new name
  local args=() previous="" renamed="" given
  for arg in "$@"; do
    given=$arg
    case "$previous" in
      --consumer.config|--producer.config|--command-config) arg=$(config_file "$arg") ;;
    esac
    case "$arg" in
      --consumer.config|--producer.config) renamed=$arg; arg=--command-config ;;
      --consumer.config=*|--producer.config=*) renamed=${arg%%=*}; arg="--command-config=$(config_file "${arg#*=}")" ;;
      --command-config=*) arg="--command-config=$(config_file "${arg#*=}")" ;;
    esac
    args+=("$arg")
    previous=$given
  done
  if [[ -n $renamed ]]; then
    echo "$script: $renamed is Kafka 4's old name of --command-config; passing --command-config" >&2
  fi
  set -- ${args[@]+"${args[@]}"}
  local jvm_opts
  mapfile -t jvm_opts < <(services_jvm_options)
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS is a list of options, as in Kafka's scripts
  exec "$(java_cmd)" ${KAFKA_HEAP_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
    "${jvm_opts[@]}" -cp "$(services_classpath)" "$main_class" "$@"
}

# A client config file as given, or, when it is relative and not found here, the checkout's file of
# that path: the notes' "config/consumer.properties" (the checkout's config/, beside bin/ as in
# Kafka's distribution) works from any directory.
config_file() {
  if [[ $1 != /* && ! -e $1 && -e "$FLUMELAB_HOME/$1" ]]; then
    echo "$FLUMELAB_HOME/$1"
  else
    echo "$1"
  fi
}

# Explains that --zookeeper (and --broker-list) are gone, prints the command with
# --bootstrap-server instead, and exits 1.
explain_bootstrap_server() {
  local script=$1
  shift
  local rewritten=() old="" value servers=() server
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --zookeeper|--broker-list) old=$1; value=${2:-hadoop102:2181}; shift ;;
      --zookeeper=*|--broker-list=*) old=${1%%=*}; value=${1#*=} ;;
      *) rewritten+=("$1"); shift; continue ;;
    esac
    shift
    if [[ $old == --zookeeper ]]; then
      # ZooKeeper's host:2181[/chroot] becomes the broker on the same host, port 9092
      servers=()
      IFS=',' read -ra hosts <<<"${value%%/*}"
      for server in "${hosts[@]}"; do servers+=("${server%%:*}:9092"); done
      value=$(IFS=','; echo "${servers[*]}")
    fi
    rewritten+=(--bootstrap-server "$value")
  done
  {
    if [[ $old == --zookeeper ]]; then
      echo "$script: Kafka 4 has no ZooKeeper, so there is no --zookeeper option: the brokers keep"
      echo "their metadata themselves (KRaft mode), and the tools talk to a broker directly."
    else
      echo "$script: --broker-list is gone in Kafka 4; every tool names its brokers with --bootstrap-server."
    fi
    echo "Name a broker with --bootstrap-server (hadoop102:9092 here) instead:"
    echo
    printf '  bin/%s' "$script"
    local word
    for word in "${rewritten[@]}"; do
      # plain words as typed; anything else in single quotes
      if [[ $word =~ ^[A-Za-z0-9_./:,=@%+-]+$ ]]; then printf ' %s' "$word"
      else printf " '%s'" "${word//\'/\'\\\'\'}"; fi
    done
    echo
  } >&2
  exit 1
}

java_cmd() {
  if [[ -n "${JAVA_HOME:-}" ]]; then
    echo "$JAVA_HOME/bin/java"
  else
    echo java
  fi
}
