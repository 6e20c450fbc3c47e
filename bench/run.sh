#!/usr/bin/env bash
# Throughput of the three quickstart routes, side by side in one run, with logging as it ships
# (Production configuration: one JSON completion event per request to stdout).
#
#   bash bench/run.sh            # about 12 minutes; see docs/performance.md
#
# The API is pinned to core 0, the load generator (wrk) and the local issuer to core 1. For each mode
# (token cache on; token cache off; cache on with 1,000 distinct clients) the API is started fresh,
# warmed up, then measured in ROUNDS rounds that alternate the routes, so the ratios compare runs made
# seconds apart. Settings: WARMUP (s, default 60), DURATION (s per measurement, 10), ROUNDS (3),
# CONNECTIONS (32), CLIENTS (1000), MODES (default "cache-on cache-off many-clients").
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-60}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
CLIENTS=${CLIENTS:-1000}
MODES=${MODES:-cache-on cache-off many-clients}
ISSUER_PORT=${ISSUER_PORT:-5999}
API_PORT=${API_PORT:-5080}
AUDIENCE=https://quickstarts/api
OUT=bench/out
mkdir -p "$OUT"
rm -f "$OUT"/results.tsv "$OUT"/tokens.txt

[ "$(nproc)" -ge 2 ] || { echo "bench: needs 2 cores (API on one, load on the other)" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  echo "bench: installing wrk (Debian package)"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
command -v python3 >/dev/null || { echo "bench: python3 is needed for the summary" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "bench: building Release"
dotnet build -c Release -v q src/Messages.Api/Messages.Api.csproj >/dev/null
dotnet build -c Release -v q tools/Messages.LocalIssuer/Messages.LocalIssuer.csproj >/dev/null
API_DLL=src/Messages.Api/bin/Release/net10.0/Messages.Api.dll
ISSUER_DLL=tools/Messages.LocalIssuer/bin/Release/net10.0/Messages.LocalIssuer.dll

pids=()
cleanup() { for pid in "${pids[@]:-}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_for() { # url, seconds
  local deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null "$1"; do
    [ $SECONDS -lt $deadline ] || { echo "bench: $1 did not answer" >&2; exit 1; }
    sleep 0.01
  done
}

taskset -c 1 dotnet "$ISSUER_DLL" "$ISSUER_PORT" "$OUT/tokens.txt" "$CLIENTS" "$AUDIENCE" "$OUT/issuer-key.pem" >"$OUT/issuer.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$ISSUER_PORT/.well-known/jwks.json" 30

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# load <label> <route> <seconds> [token-skip token-count]: one wrk run; prints its RESULT line.
load() {
  local route=$2 seconds=$3 tokens_file="" skip=${4:-0} count=${5:-1}
  [ "$route" = /api/public ] || tokens_file=$OUT/tokens.txt
  TOKENS_FILE=$tokens_file TOKEN_SKIP=$skip TOKEN_COUNT=$count \
    taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" -s bench/wrk/auth.lua "http://127.0.0.1:$API_PORT$route" \
    | grep '^RESULT'
}

run_mode() { # mode cache-enabled token-skip token-count
  local mode=$1 cache=$2 skip=$3 count=$4
  echo "bench: mode $mode: starting the API on core 0"
  local started=$(date +%s%N)
  ASPNETCORE_ENVIRONMENT=Production \
  Auth0__Authority="http://127.0.0.1:$ISSUER_PORT/" Auth0__Audience="$AUDIENCE" Auth0__RequireHttpsMetadata=false \
  Auth0__TokenCache__Enabled=$cache \
    taskset -c 0 dotnet "$API_DLL" --urls "http://127.0.0.1:$API_PORT" >/dev/null 2>"$OUT/api-$mode.err" &
  local api=$!
  pids+=($api)
  wait_for "http://127.0.0.1:$API_PORT/api/public" 30
  local first_200_ms=$(( ($(date +%s%N) - started) / 1000000 ))

  echo "bench: mode $mode: warming up for ${WARMUP}s"
  for route in /api/public /api/private /api/private-scoped; do
    load warmup $route $((WARMUP / 3)) "$skip" "$count" >/dev/null
  done

  local routes=(/api/public /api/private /api/private-scoped)
  for round in $(seq 1 "$ROUNDS"); do
    for i in 0 1 2; do
      local route=${routes[$(( (i + round - 1) % 3 ))]}
      local before=$(cpu_ticks $api)
      local result=$(load measure "$route" "$DURATION" "$skip" "$count")
      local after=$(cpu_ticks $api)
      printf '%s\t%s\t%s\t%s\t%s\n' "$mode" "$round" "$route" "$((after - before))" "$result" >>"$OUT/results.tsv"
      echo "  round $round $route $result"
    done
  done

  local peak_kib=$(awk '/^VmHWM/ { print $2 }' "/proc/$api/status")
  printf '%s\tpeak_rss_kib=%s\tfirst_200_ms=%s\n' "$mode" "$peak_kib" "$first_200_ms" >>"$OUT/process.tsv"
  kill "$api"; wait "$api" 2>/dev/null || true
}

rm -f "$OUT/process.tsv"
for mode in $MODES; do
  case $mode in
    cache-on) run_mode cache-on true 0 1 ;;
    cache-off) run_mode cache-off false 0 1 ;;
    many-clients) run_mode many-clients true 1 "$CLIENTS" ;;
    *) echo "bench: unknown mode $mode" >&2; exit 2 ;;
  esac
done

python3 bench/summarize.py "$OUT/results.tsv" "$OUT/process.tsv" "$(getconf CLK_TCK)" | tee "$OUT/summary.md"
