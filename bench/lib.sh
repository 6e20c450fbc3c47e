# Shared by bench/run.sh and bench/startup.sh (sourced, from the repository root, after OUT, AUDIENCE
# and NAME, the prefix of messages, are set).

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# publish_all: Release builds of the API, the baseline app and the local issuer under $OUT/publish.
publish_all() {
  echo "$NAME: publishing Release (API, baseline, local issuer)"
  for project in src/Messages.Api bench/Messages.Baseline tools/Messages.LocalIssuer; do
    dotnet publish -c Release -v q --nologo "$project" -o "$OUT/publish/$(basename "$project")" >/dev/null
  done
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Every process started goes into pids; all are stopped when the script exits.
pids=()
cleanup() { for pid in "${pids[@]:-}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_for() { # url, seconds
  local deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null "$1"; do
    [ $SECONDS -lt $deadline ] || { echo "$NAME: $1 did not answer" >&2; exit 1; }
    sleep 0.005
  done
}

# start_issuer <tokens file> <clients> <key file> <log>: the local issuer on core 1, on ISSUER_PORT.
start_issuer() {
  ISSUER_PORT=$(free_port)
  (cd "$OUT/publish/Messages.LocalIssuer" &&
    exec taskset -c 1 dotnet Messages.LocalIssuer.dll "$ISSUER_PORT" "$1" "$2" "$AUDIENCE" "$3") >"$4" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$ISSUER_PORT/.well-known/jwks.json" 30
}

# The CPU time a process has used, in clock ticks (user + system).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
