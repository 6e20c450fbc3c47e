#!/usr/bin/env bash
# The performance targets of docs/performance.md, measured side by side in one run and judged.
#
#   bash bench/run.sh            # the documented run: about 25 minutes on an idle machine
#   QUICK=1 bash bench/run.sh    # a development look (short warm-up and rounds): not a verdict to quote
#
# Every mode is a process of its own, started from its publish folder (Production settings, stdout to a
# file under bench/out/, as in production), pinned to core 0; wrk and the local issuer run on core 1.
# All the processes are started first, each warmed up in turn; then each round measures every mode and
# route, seconds apart, in a turning order, so that the ratios compare like with like on a shared machine.
#
# Modes (MODES, default all but cache-off):
#   shipped          the API as it ships: token cache on, one RequestCompleted event per request. Each
#                    round also measures it with its events switched off in the same process (results
#                    labelled shipped-events-off): its appsettings.Production.json sets Serilog's minimum
#                    level to Warning, which Serilog applies when the file changes. The event's cost is
#                    judged on that pair: two processes of one build differ by more than 3 us.
#   event-off        the same build in a process of its own, request events off
#                    (Serilog__MinimumLevel__Default=Warning): the same comparison across processes
#   many-clients     as shipped, the load rotating over CLIENTS (1,000) distinct valid tokens
#   plain-jwtbearer  bench/Messages.Baseline: a plain minimal API with AddJwtBearer, no request log
#   unbuffered       as shipped, each event written and flushed as it is logged (buffered: false), as
#                    before the buffered sink (not in the default run)
#   cache-off        as shipped with Auth0__TokenCache__Enabled=false (not in the default run)
# Settings: WARMUP (s per mode, 75), DURATION (s per measurement, 10), ROUNDS (5), CONNECTIONS (64),
# CLIENTS (1000), SLICES (DURATION, so 1-second slices: each measurement is made of SLICES runs of
# DURATION/SLICES seconds, the routes (and, for shipped, events on and off) taking turns, so that the
# machine's swings, which last seconds, fall on all of them alike; docs/performance.md, "The command").
# QUICK=1 sets WARMUP=20 DURATION=5 ROUNDS=3 unless they are set.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${QUICK:-}" ]; then
  WARMUP=${WARMUP:-20} DURATION=${DURATION:-5} ROUNDS=${ROUNDS:-3}
fi
WARMUP=${WARMUP:-75}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-5}
CONNECTIONS=${CONNECTIONS:-64}
CLIENTS=${CLIENTS:-1000}
SLICES=${SLICES:-$DURATION}
if [ "$SLICES" -lt 1 ] || [ $((DURATION % SLICES)) != 0 ]; then
  echo "bench: DURATION ($DURATION) must be a whole number of SLICES ($SLICES) of at least 1 s" >&2; exit 2
fi
MODES=${MODES:-shipped event-off many-clients plain-jwtbearer}
AUDIENCE=https://quickstarts/api
OUT=$PWD/bench/out
mkdir -p "$OUT"
rm -f "$OUT"/results.tsv "$OUT"/process.tsv "$OUT"/tokens.txt "$OUT"/stdout-*.log

[ "$(nproc)" -ge 2 ] || { echo "bench: needs 2 cores (API on one, load on the other)" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  echo "bench: installing wrk (Debian package)"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
command -v python3 >/dev/null || { echo "bench: python3 is needed for the summary" >&2; exit 1; }

NAME=bench
source bench/lib.sh
publish_all
start_issuer "$OUT/tokens.txt" "$CLIENTS" "$OUT/issuer-key.pem" "$OUT/issuer.log"

# answered: requests wrk saw answered per mode (warm-up included), to check the events written.
declare -A port_of pid_of skip_of count_of answered

# start <mode>: starts the mode's process on core 0 and records the time from start to its first 200.
start() {
  local mode=$1 app=Messages.Api cache=true level=Information buffered=true port folder
  port=$(free_port)
  skip_of[$mode]=0 count_of[$mode]=1
  case $mode in
    shipped) level="" ;;
    event-off) level=Warning ;;
    unbuffered) buffered=false ;;
    cache-off) cache=false ;;
    many-clients) skip_of[$mode]=1 count_of[$mode]=$CLIENTS ;;
    plain-jwtbearer) app=Messages.Baseline ;;
    *) echo "bench: unknown mode $mode" >&2; exit 2 ;;
  esac
  folder=$OUT/publish/$app
  if [ "$mode" = shipped ]; then
    # Its own copy, whose appsettings.Production.json switches its events (see events below); its level
    # is not set in the environment, which would override the file.
    folder=$OUT/publish/$app-shipped
    rm -rf "$folder" && cp -r "$OUT/publish/$app" "$folder"
  fi
  local started
  started=$(date +%s%N)
  (cd "$folder" &&
    ASPNETCORE_ENVIRONMENT=Production \
    Auth0__Authority="http://127.0.0.1:$ISSUER_PORT/" Auth0__Audience="$AUDIENCE" Auth0__RequireHttpsMetadata=false \
    Auth0__TokenCache__Enabled=$cache \
    Serilog__WriteTo__StandardOutput__Args__buffered=$buffered \
    ConnectionStrings__Messages="Data Source=$OUT/messages-$mode.db" \
    exec env ${level:+Serilog__MinimumLevel__Default=$level} taskset -c 0 dotnet "$app.dll" --urls "http://127.0.0.1:$port") \
    >"$OUT/stdout-$mode.log" 2>"$OUT/stderr-$mode.log" &
  pid_of[$mode]=$!
  port_of[$mode]=$port
  pids+=($!)
  wait_for "http://127.0.0.1:$port/api/public" 30
  local first_200_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  # The CPU time the process used until then: what a start costs, whatever else the machine runs.
  local cpu_ms=$(( $(cpu_ticks "${pid_of[$mode]}") * 1000 / $(getconf CLK_TCK) ))
  echo "bench: $mode started (first 200 after $first_200_ms ms, $cpu_ms ms of CPU)"
  printf '%s\tfirst_200_ms=%s\tfirst_200_cpu_ms=%s\n' "$mode" "$first_200_ms" "$cpu_ms" >>"$OUT/process.tsv"
  answered[$mode]=1
}

# load <mode> <route> <seconds> [counted]: one wrk run against the mode's process; leaves its RESULT line
# in $result. The answered requests are counted for the mode unless counted is "no" (events off).
load() {
  local mode=$1 route=$2 tokens_file=""
  [ "$route" = /api/public ] || tokens_file=$OUT/tokens.txt
  result=$(TOKENS_FILE=$tokens_file TOKEN_SKIP=${skip_of[$mode]} TOKEN_COUNT=${count_of[$mode]} \
    taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${3}s" -s bench/wrk/auth.lua "http://127.0.0.1:${port_of[$mode]}$route" \
    | grep '^RESULT')
  local requests=${result#*requests=}
  [ "${4:-yes}" = no ] || answered[$mode]=$(( ${answered[$mode]} + ${requests%% *} ))
}

# events <on|off>: switches the shipped process's request events through its appsettings.Production.json,
# then waits until a request shows the switch in effect (its event written, or not).
events() {
  local level=Information size
  [ "$1" = on ] || level=Warning
  printf '{ "Serilog": { "MinimumLevel": { "Default": "%s" } } }\n' "$level" \
    >"$OUT/publish/Messages.Api-shipped/appsettings.Production.json"
  local deadline=$((SECONDS + 15))
  # The configuration is reloaded 250 ms after the file changes; a written event reaches stdout within
  # the sink's 20 ms flush interval.
  sleep 0.25
  while sleep 0.05; do
    size=$(stat -c %s "$OUT/stdout-shipped.log")
    curl -fs -o /dev/null "http://127.0.0.1:${port_of[shipped]}/api/public"
    sleep 0.1
    if [ "$(stat -c %s "$OUT/stdout-shipped.log")" -gt "$size" ]; then
      [ "$1" = on ] && return
    elif [ "$1" = off ]; then
      return
    fi
    [ $SECONDS -lt $deadline ] || { echo "bench: the shipped process did not switch its events $1" >&2; exit 1; }
  done
}

# measure <mode> <label> <round> [counted]: one slice of the three routes, in the round's order, CPU ticks
# around each (summarize.py adds up a round's slices).
measure() {
  local mode=$1 label=$2 round=$3 i route before after
  for i in 0 1 2; do
    route=${routes[$(( (i + round - 1) % 3 ))]}
    before=$(cpu_ticks "${pid_of[$mode]}")
    load "$mode" "$route" "$((DURATION / SLICES))" "${4:-yes}"
    after=$(cpu_ticks "${pid_of[$mode]}")
    printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$round" "$route" "$((after - before))" "$result" >>"$OUT/results.tsv"
    echo "  $label $route $result"
  done
}

read -ra modes <<<"$MODES"
routes=(/api/public /api/private /api/private-scoped)
for mode in "${modes[@]}"; do start "$mode"; done
for mode in "${modes[@]}"; do
  echo "bench: $mode: warming up for ${WARMUP}s"
  for route in "${routes[@]}"; do load "$mode" "$route" $((WARMUP / 3)); done
done

for round in $(seq 1 "$ROUNDS"); do
  echo "bench: round $round of $ROUNDS"
  for m in "${!modes[@]}"; do
    mode=${modes[$(( (m + round - 1) % ${#modes[@]} ))]}
    for slice in $(seq 1 "$SLICES"); do
      if [ "$mode" != shipped ]; then
        measure "$mode" "$mode" "$round"
      elif [ $(((round + slice) % 2)) = 0 ]; then
        measure shipped shipped "$round"
        events off; measure shipped shipped-events-off "$round" no; events on
      else
        events off; measure shipped shipped-events-off "$round" no; events on
        measure shipped shipped "$round"
      fi
    done
  done
done

# Stopped as an orchestrator stops them (SIGTERM); then every answered request must have its event.
for mode in "${modes[@]}"; do
  pid=${pid_of[$mode]}
  peak_kib=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  events=$(grep -c '"EventId":{"Id":2000,' "$OUT/stdout-$mode.log" || true)
  printf '%s\tpeak_rss_kib=%s\tanswered=%s\tevents=%s\n' "$mode" "$peak_kib" "${answered[$mode]}" "$events" >>"$OUT/process.tsv"
done

python3 bench/summarize.py "$OUT/results.tsv" "$OUT/process.tsv" "$(getconf CLK_TCK)" \
  "warm-up ${WARMUP}s per mode, $ROUNDS rounds of ${DURATION}s per mode and route (in $SLICES slices), $CONNECTIONS connections" \
  | tee "$OUT/summary.md"
