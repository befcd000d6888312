# Shared by the bin/ commands: locate the checkout and build the runtime on first use.

FLUMELAB_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
AGENT_TARGET="$FLUMELAB_HOME/runtime/agent/target"

# Builds the agent launcher and its libraries when missing or older than the sources.
ensure_runtime_built() {
  local jar
  jar=$(ls "$AGENT_TARGET"/flumelab-agent-*.jar 2>/dev/null | head -n 1 || true)
  if [[ -n "$jar" && -d "$AGENT_TARGET/lib" ]]; then
    local newer
    newer=$(find "$FLUMELAB_HOME/runtime" -path '*/target' -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -name '*.xml' -o -name '*.properties' \) \
      -newer "$jar" -print -quit 2>/dev/null)
    [[ -z "$newer" ]] && return 0
    echo "flumelab: sources changed since the last build ($newer); rebuilding the runtime..." >&2
  else
    echo "flumelab: building the runtime (first run; takes a minute)..." >&2
  fi
  if ! (cd "$FLUMELAB_HOME" && ./mvnw -q -B -pl runtime/agent package -DskipTests >&2); then
    echo "flumelab: the build failed; run './mvnw -pl runtime/agent package -DskipTests' to see why." >&2
    exit 1
  fi
}

java_cmd() {
  if [[ -n "${JAVA_HOME:-}" ]]; then
    echo "$JAVA_HOME/bin/java"
  else
    echo java
  fi
}
