#!/usr/bin/env bash
# Load and fault scenarios against a local cluster (3 instances, nginx, PostgreSQL), through nginx:
#
#   bash deploy/scenarios/run.sh [mixed] [rolling] [rotation]     # default: all three, about 5 minutes
#
#   mixed     mixed load; instance 1 killed with SIGKILL and started again, instance 2 restarted (SIGTERM)
#   rolling   mixed load; the three instances restarted one at a time (SIGTERM, exit, start, ready)
#   rotation  mixed load; the issuer signs with a new key; every instance must accept it within the
#             refresh throttle (plus 3 s for the fetch and the probe interval)
#
# Starts its own cluster (deploy/local-cluster.sh) in a fresh folder and stops it at the end. Prints each
# scenario's figures, then "scenarios: N passed, M failed"; exits 1 if any failed.
# Settings: SCENARIO_DURATION (s, 36), SCENARIO_RATE (operations/s, 80), SCENARIO_THROTTLE (the
# instances' Auth0:KeyRefreshThrottle in s, 10), SCENARIO_KEEP=1 keeps the folder (logs) afterwards.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(mixed rolling rotation)
duration=${SCENARIO_DURATION:-36}
rate=${SCENARIO_RATE:-80}
throttle=${SCENARIO_THROTTLE:-10}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
MESSAGES_CLUSTER_DIR=$(mktemp -d /tmp/messages-scenarios.XXXXXX)
chmod 755 "$MESSAGES_CLUSTER_DIR"   # PostgreSQL runs as its own user below it
export MESSAGES_CLUSTER_DIR
# The scenarios need the local issuer (tokens for many subjects, a key to rotate).
unset Auth0__Authority Auth0__Domain Auth0__Audience MESSAGES_CLUSTER_POSTGRES
export Auth0__KeyRefreshThrottle=$(printf '00:00:%02d' "$throttle")
export Shutdown__DrainDelay=${Shutdown__DrainDelay:-00:00:02} Shutdown__Timeout=${Shutdown__Timeout:-00:00:20}
# A key held by an instance killed mid-request is free again after this; the client retries a create
# for 30 s, so it must be shorter than that (the default, 1 minute, suits clients that retry longer).
export Idempotency__LockTimeout=${Idempotency__LockTimeout:-00:00:10}

finish() {
  bash deploy/local-cluster.sh down >/dev/null 2>&1 || true
  if [ "${SCENARIO_KEEP:-}" = 1 ]; then echo "scenarios: logs kept in $MESSAGES_CLUSTER_DIR"
  else rm -rf "$MESSAGES_CLUSTER_DIR"; fi
}
trap finish EXIT

passed=0 failed=0
if ! bash deploy/local-cluster.sh up; then
  echo "scenarios: the cluster did not start" >&2
  echo "scenarios: 0 passed, ${#scenarios[@]} failed"
  exit 1
fi
echo "scenarios: building the load client"
if ! dotnet publish tools/Messages.ClusterLoad/Messages.ClusterLoad.csproj -c Release -o "$MESSAGES_CLUSTER_DIR/load" -v q --nologo >"$MESSAGES_CLUSTER_DIR/load-publish.log" 2>&1; then
  cat "$MESSAGES_CLUSTER_DIR/load-publish.log" >&2
  echo "scenarios: 0 passed, ${#scenarios[@]} failed"
  exit 1
fi

for scenario in "${scenarios[@]}"; do
  printf '\n== scenario %s\n' "$scenario"
  if dotnet "$MESSAGES_CLUSTER_DIR/load/Messages.ClusterLoad.dll" "$scenario" --cluster "$MESSAGES_CLUSTER_DIR" \
      --control "$repo/deploy/local-cluster.sh" --duration "$duration" --rate "$rate" --max-refusal $((throttle + 3)); then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "-- nginx error log (last lines)"; tail -n 15 "$MESSAGES_CLUSTER_DIR/nginx/error.log" 2>/dev/null || true
  fi
  bash deploy/local-cluster.sh status || true
done

echo "scenarios: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
