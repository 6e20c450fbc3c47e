#!/usr/bin/env bash
# Start-up time: the API and the plain baseline app (bench/Messages.Baseline), each started STARTS times
# from its publish folder with Production settings, interleaved, as bench/run.sh starts them (core 0,
# stdout to a file, the local issuer on core 1). Each start is timed from process start to its first
# 200 on GET /api/public (wall ms) together with the CPU ms the process had used by then; the medians
# are printed side by side. One unmeasured start of each comes first (disk cache, database file).
#
#   bash bench/startup.sh              # STARTS=9
#   STARTS=15 bash bench/startup.sh
#   NO_PUBLISH=1 bash bench/startup.sh # reuse bench/out/publish as it is
#   BEFORE=/tmp/api-before bash bench/startup.sh
#       adds a third app, "before": another publish folder of the API (say, an older commit's
#       `dotnet publish -c Release src/Messages.Api -o /tmp/api-before`), started in the same turns.
#   BEFORE="il-only=/tmp/a r2r=/tmp/b" bash bench/startup.sh
#       several such folders, each under its own label.
# Extra environment for the API builds only: API_ENV="Name=value Name2=value2" (to compare settings).
set -euo pipefail
cd "$(dirname "$0")/.."

STARTS=${STARTS:-9}
AUDIENCE=https://quickstarts/api
OUT=$PWD/bench/out
mkdir -p "$OUT"
rm -f "$OUT"/startup.tsv

[ "$(nproc)" -ge 2 ] || { echo "startup: needs 2 cores (app on one, issuer on the other)" >&2; exit 1; }
NAME=startup
source bench/lib.sh
[ -n "${NO_PUBLISH:-}" ] || publish_all

# Says whether an API publish folder is precompiled (ReadyToRun: a CLI header with a native header).
ready_to_run() { # label, publish folder
  python3 - "$1" "$2/Messages.Api.dll" <<'PY2'
import struct, sys
data = open(sys.argv[2], "rb").read()
pe = struct.unpack_from("<I", data, 0x3C)[0]
sections, optional = struct.unpack_from("<H", data, pe + 6)[0], struct.unpack_from("<H", data, pe + 20)[0]
magic = struct.unpack_from("<H", data, pe + 24)[0]
cli_rva = struct.unpack_from("<I", data, pe + 24 + (224 if magic == 0x20B else 208))[0]
table = pe + 24 + optional
for i in range(sections):
    virtual_size, virtual_address, _, raw = struct.unpack_from("<IIII", data, table + 40 * i + 8)
    if virtual_address <= cli_rva < virtual_address + max(virtual_size, 1):
        native_rva = struct.unpack_from("<I", data, cli_rva - virtual_address + raw + 64)[0]
        print(f"startup: {sys.argv[1]}: Messages.Api.dll is " + ("ReadyToRun" if native_rva else "IL only (JIT at start-up)"))
PY2
}
# The apps, in the order of the summary; dir_of: each other API build's folder, by label.
apps=(api)
declare -A dir_of
for word in ${BEFORE:-}; do
  if [[ $word == *=* ]]; then label=${word%%=*} folder=${word#*=}; else label=before folder=$word; fi
  dir_of[$label]=$folder
  apps+=("$label")
done
apps+=(baseline)
ready_to_run api "$OUT/publish/Messages.Api"
for label in "${!dir_of[@]}"; do ready_to_run "$label" "${dir_of[$label]}"; done

start_issuer "$OUT/startup-tokens.txt" 1 "$OUT/startup-issuer-key.pem" "$OUT/startup-issuer.log"

# start_once <label> <record: 0|1>: one start, timed to its first 200, then stopped with SIGTERM.
start_once() {
  local label=$1 record=$2 dir dll=Messages.Api port pid started first_200_ms cpu_ms extra=()
  case $label in
    api) dir=$OUT/publish/Messages.Api ;;
    baseline) dir=$OUT/publish/Messages.Baseline dll=Messages.Baseline ;;
    *) dir=${dir_of[$label]} ;;
  esac
  port=$(free_port)
  [ "$dll" = Messages.Api ] && read -ra extra <<<"${API_ENV:-}"
  started=$(date +%s%N)
  (cd "$dir" &&
    exec env ASPNETCORE_ENVIRONMENT=Production \
    Auth0__Authority="http://127.0.0.1:$ISSUER_PORT/" Auth0__Audience="$AUDIENCE" Auth0__RequireHttpsMetadata=false \
    ConnectionStrings__Messages="Data Source=$OUT/startup-messages-$label.db" "${extra[@]}" \
    taskset -c 0 dotnet "$dll.dll" --urls "http://127.0.0.1:$port") \
    >"$OUT/startup-stdout-$label.log" 2>"$OUT/startup-stderr-$label.log" &
  pid=$!
  pids+=("$pid")
  wait_for "http://127.0.0.1:$port/api/public" 30
  first_200_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  cpu_ms=$(( $(cpu_ticks "$pid") * 1000 / $(getconf CLK_TCK) ))
  # The API must be ready once it answers (the signing keys are fetched on this first check).
  curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" || [ "$dll" != Messages.Api ] ||
    echo "startup: warning: $label not ready right after its first 200" >&2
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  if [ "$record" = 1 ]; then
    printf '%s\t%s\t%s\n' "$label" "$first_200_ms" "$cpu_ms" >>"$OUT/startup.tsv"
    echo "  $label: first 200 after $first_200_ms ms, $cpu_ms ms of CPU"
  fi
}

for app in "${apps[@]}"; do start_once "$app" 0; done
for i in $(seq 1 "$STARTS"); do
  echo "startup: start $i of $STARTS"
  # Turning order, so that no app always runs right after another.
  for a in $(seq 0 $((${#apps[@]} - 1))); do start_once "${apps[$(( (a + i) % ${#apps[@]} ))]}" 1; done
done

python3 - "$OUT/startup.tsv" "$STARTS" "${apps[@]}" <<'PY'
import statistics, sys
rows = [line.split("\t") for line in open(sys.argv[1]).read().split("\n") if line]
print(f"\nstart-up, median of {sys.argv[2]} starts (first 200 on GET /api/public):")
print(f"{'app':<20}{'wall ms':>10}{'CPU ms':>10}{'min wall':>10}{'max wall':>10}")
for app in sys.argv[3:]:
    wall = [int(r[1]) for r in rows if r[0] == app]
    cpu = [int(r[2]) for r in rows if r[0] == app]
    print(f"{app:<20}{statistics.median(wall):>10.0f}{statistics.median(cpu):>10.0f}{min(wall):>10}{max(wall):>10}")
PY
