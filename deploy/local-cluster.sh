#!/usr/bin/env bash
# Several Messages API instances behind nginx, on one PostgreSQL, on this machine (loopback only).
#
#   bash deploy/local-cluster.sh up        publish the API once, start PostgreSQL (throw-away), a local
#                                          issuer, N instances (3) and nginx; print how to reach them
#   bash deploy/local-cluster.sh status    each part: pid, address, running or not, ready or not
#   bash deploy/local-cluster.sh down      stop what "up" started (and only that), drop the database
#   bash deploy/local-cluster.sh token [subject] [scope]   an access token from the local issuer
#
# Parts, for fault drills (instances are numbered from 1):
#   kill N       SIGKILL instance N          stop N      SIGTERM instance N, wait until it exits
#   start N      start instance N, wait until /health/ready answers 200
#   restart N    stop N, then start N        rotate-key  the local issuer publishes a new key and signs with it
#
# Settings (environment):
#   MESSAGES_CLUSTER_DIR        state and run folder (default /tmp/messages-cluster-<uid>-<checkout hash>)
#   MESSAGES_CLUSTER_INSTANCES  number of API instances (3)
#   MESSAGES_CLUSTER_PORT       nginx's port on 127.0.0.1 (a free one)
#   MESSAGES_CLUSTER_POSTGRES   an Npgsql connection string to use instead of a throw-away server
#                               (the database must exist; it is neither created nor dropped)
#   MESSAGES_CLUSTER_POOL_SIZE  Npgsql pool size per instance on the throw-away server (25; it allows 100)
#   Auth0__Authority or Auth0__Domain, with Auth0__Audience: a real issuer instead of the local one
#   NGINX_ACCESS_LOG=json       an nginx access log (JSON lines) in the run folder; off by default
#   Any other API setting (Auth0__KeyRefreshThrottle, Shutdown__DrainDelay, ...) is passed on as is.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/postgres.sh
. "$repo/deploy/lib/postgres.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dir=${MESSAGES_CLUSTER_DIR:-/tmp/messages-cluster-$(id -u)-$(printf '%s' "$repo" | md5sum | cut -c1-8)}
env_file=$dir/cluster.env

die() { echo "local-cluster: $*" >&2; exit 1; }
say() { echo "local-cluster: $*"; }

# A pid recorded in <file> that is still the process we started (its command line names <marker>).
live_pid() {
  local file=$1 marker=$2 pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker" && echo "$pid"
}

# wait_gone <pid> <seconds>: 0 once the process has exited, 1 if it is still there.
wait_gone() {
  local pid=$1 deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2>/dev/null; do
    [ -r "/proc/$pid/stat" ] && [ "$(awk '{print $3}' "/proc/$pid/stat")" = Z ] && return 0
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.05
  done
}

# wait_ready <url> <seconds> <pid> <log>: until <url> answers 200; fails early if <pid> exits.
wait_ready() {
  local url=$1 deadline=$((SECONDS + $2)) pid=$3 log=$4
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url")" = 200 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then tail -n 20 "$log" >&2; die "process $pid exited before $url was ready"; fi
    [ $SECONDS -lt $deadline ] || { tail -n 20 "$log" >&2; die "$url not ready after $2 s"; }
    sleep 0.1
  done
}

load_env() {
  [ -f "$env_file" ] || die "no cluster in $dir (run: bash deploy/local-cluster.sh up)"
  # shellcheck source=/dev/null
  . "$env_file"
}

instance_marker() { echo "Messages.Api.dll --urls http://127.0.0.1:$(cat "$dir/api-$1.port")"; }

start_instance() {
  local n=$1 port pid
  [ -f "$dir/api-$n.port" ] || die "no instance $n"
  port=$(cat "$dir/api-$n.port")
  if pid=$(live_pid "$dir/api-$n.pid" "$(instance_marker "$n")"); then die "instance $n already runs (pid $pid)"; fi
  # Production settings, the same for every instance; stdout (one JSON event per request) to a file.
  (
    cd "$dir/app"
    export ASPNETCORE_ENVIRONMENT=Production Storage__Provider=PostgreSql ConnectionStrings__Messages="$DATABASE"
    export Shutdown__DrainDelay=${Shutdown__DrainDelay:-00:00:02} Shutdown__Timeout=${Shutdown__Timeout:-00:00:20}
    if [ "$ISSUER_KIND" = local ]; then
      export Auth0__Authority=$ISSUER Auth0__Audience=$AUDIENCE Auth0__RequireHttpsMetadata=false
      unset Auth0__Domain
    fi
    unset ASPNETCORE_URLS ASPNETCORE_HTTP_PORTS
    exec setsid dotnet Messages.Api.dll --urls "http://127.0.0.1:$port" >>"$dir/api-$n.log" 2>&1 </dev/null
  ) &
  echo $! >"$dir/api-$n.pid"
  wait_ready "http://127.0.0.1:$port/health/ready" 60 "$!" "$dir/api-$n.log"
  say "instance $n ready on http://127.0.0.1:$port (pid $!)"
}

# signal_instance <n> <TERM|KILL>: signals instance n and waits until it has exited.
signal_instance() {
  local n=$1 signal=$2 pid
  pid=$(live_pid "$dir/api-$n.pid" "$(instance_marker "$n")") || { say "instance $n is not running"; return 0; }
  kill "-$signal" "$pid"
  if ! wait_gone "$pid" 40; then
    say "instance $n (pid $pid) still runs 40 s after SIG$signal: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" 10 || die "instance $n (pid $pid) does not exit"
  fi
  say "instance $n (pid $pid) exited after SIG$signal"
}

start_issuer() {
  local port
  port=$(free_port) || die "no free port for the issuer"
  mkdir -p "$dir/keys"
  (exec setsid dotnet "$dir/issuer/Messages.LocalIssuer.dll" "$port" "$dir/issuer-tokens.txt" 0 "$AUDIENCE" "$dir/keys" \
    >"$dir/issuer.log" 2>&1 </dev/null) &
  echo $! >"$dir/issuer.pid"
  ISSUER="http://127.0.0.1:$port/"
  wait_ready "${ISSUER}.well-known/jwks.json" 30 "$!" "$dir/issuer.log"
  say "local issuer $ISSUER (pid $!)"
}

start_nginx() {
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || {
    [ "$(id -u)" -eq 0 ] || die "nginx is not installed (apt-get install nginx)"
    say "installing nginx (Debian package)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  }
  local nginx_bin servers="" n user="" access="access_log off;"
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
  for n in $(seq 1 "$INSTANCES"); do
    servers+="    server 127.0.0.1:$(cat "$dir/api-$n.port") max_fails=1 fail_timeout=3s;"$'\n'
  done
  [ "$(id -u)" -eq 0 ] && user="user nobody nogroup;"
  [ "${NGINX_ACCESS_LOG:-}" = json ] && access="access_log $dir/nginx/access.log json buffer=64k flush=1s;"
  mkdir -p "$dir/nginx/tmp"
  local template=$repo/deploy/nginx/nginx.conf.template
  USER_LINE=$user ACCESS_LINE=$access SERVERS=$servers RUN=$dir/nginx LISTEN="127.0.0.1:$NGINX_PORT" \
    awk '{
      gsub(/@USER@/, ENVIRON["USER_LINE"]); gsub(/@ACCESS_LOG@/, ENVIRON["ACCESS_LINE"]);
      gsub(/@RUN@/, ENVIRON["RUN"]); gsub(/@LISTEN@/, ENVIRON["LISTEN"]);
      if ($0 ~ /^@SERVERS@$/) { printf "%s", ENVIRON["SERVERS"]; next }
      print }' "$template" >"$dir/nginx/nginx.conf"
  "$nginx_bin" -t -q -p "$dir/nginx/" -e "$dir/nginx/error.log" -c "$dir/nginx/nginx.conf" || die "nginx refused its configuration"
  (exec setsid "$nginx_bin" -p "$dir/nginx/" -e "$dir/nginx/error.log" -c "$dir/nginx/nginx.conf" -g 'daemon off;' \
    >>"$dir/nginx/stdout.log" 2>&1 </dev/null) &
  echo $! >"$dir/nginx.pid.started"
  wait_ready "$NGINX_URL/health/ready" 20 "$!" "$dir/nginx/error.log"
  say "nginx on $NGINX_URL (pid $!)"
}

cmd_up() {
  if [ -f "$env_file" ] && live_pid "$dir/nginx.pid.started" "$dir/nginx/nginx.conf" >/dev/null; then
    die "a cluster already runs in $dir (bash deploy/local-cluster.sh status | down)"
  fi
  mkdir -p "$dir"
  INSTANCES=${MESSAGES_CLUSTER_INSTANCES:-3}
  say "publishing the API and the local issuer (Release) into $dir"
  dotnet publish "$repo/src/Messages.Api/Messages.Api.csproj" -c Release -o "$dir/app" -v q --nologo >"$dir/publish.log" 2>&1 \
    || { cat "$dir/publish.log" >&2; die "publish failed"; }
  dotnet publish "$repo/tools/Messages.LocalIssuer/Messages.LocalIssuer.csproj" -c Release -o "$dir/issuer" -v q --nologo >>"$dir/publish.log" 2>&1 \
    || { cat "$dir/publish.log" >&2; die "publish failed"; }

  if [ -n "${MESSAGES_CLUSTER_POSTGRES:-}" ]; then
    DATABASE=$MESSAGES_CLUSTER_POSTGRES PG_KIND=given
  else
    # The connection budget: instances x pool size stays under max_connections (100) with room for
    # psql and the scenarios' checks. Npgsql's default pool (100 per instance) would not.
    pg_start "$dir/postgres" 100 || die "could not start PostgreSQL"
    DATABASE="$PG_CONNECTION;Maximum Pool Size=${MESSAGES_CLUSTER_POOL_SIZE:-25}" PG_KIND=throw-away
  fi

  if [ -n "${Auth0__Authority:-}${Auth0__Domain:-}" ]; then
    [ -n "${Auth0__Audience:-}" ] || die "Auth0__Audience is needed with Auth0__Authority or Auth0__Domain"
    ISSUER_KIND=configured ISSUER=${Auth0__Authority:-https://${Auth0__Domain}/} AUDIENCE=$Auth0__Audience
  else
    ISSUER_KIND=local AUDIENCE=https://messages-cluster/api
    start_issuer
  fi

  NGINX_PORT=${MESSAGES_CLUSTER_PORT:-$(free_port)}
  NGINX_URL="http://127.0.0.1:$NGINX_PORT"
  local n urls=""
  for n in $(seq 1 "$INSTANCES"); do
    free_port >"$dir/api-$n.port"
    urls+="http://127.0.0.1:$(cat "$dir/api-$n.port") "
  done
  cat >"$env_file" <<ENV
INSTANCES=$INSTANCES
NGINX_PORT=$NGINX_PORT
NGINX_URL=$NGINX_URL
API_URLS="${urls% }"
ISSUER_KIND=$ISSUER_KIND
ISSUER=$ISSUER
AUDIENCE=$AUDIENCE
KEYS_DIR=$dir/keys
PG_KIND=$PG_KIND
DATABASE="$DATABASE"
ENV
  # The first instance migrates the schema; the others find it done (they would also take turns).
  for n in $(seq 1 "$INSTANCES"); do start_instance "$n"; done
  start_nginx

  cat <<TEXT

The API answers on $NGINX_URL ($INSTANCES instances behind nginx, one PostgreSQL).
  curl -s $NGINX_URL/api/public
TEXT
  if [ "$ISSUER_KIND" = local ]; then
    cat <<TEXT
  TOKEN=\$(bash deploy/local-cluster.sh token alice "read:messages write:messages")
  curl -s -H "Authorization: Bearer \$TOKEN" $NGINX_URL/api/messages
TEXT
  fi
  cat <<TEXT
Instances: $urls
State, logs and settings: $dir   (bash deploy/local-cluster.sh status | down)
TEXT
}

cmd_status() {
  load_env
  local n pid port code state=0
  show() { printf '%-12s %-8s %-34s %s\n' "$@"; }
  show part pid address state
  if [ "$ISSUER_KIND" = local ]; then
    if pid=$(live_pid "$dir/issuer.pid" Messages.LocalIssuer.dll); then show issuer "$pid" "$ISSUER" running
    else show issuer - "$ISSUER" stopped; state=1; fi
  else show issuer - "$ISSUER" "configured"; fi
  if [ "$PG_KIND" = throw-away ]; then
    if [ -f "$dir/postgres/data/postmaster.pid" ] && kill -0 "$(head -n 1 "$dir/postgres/data/postmaster.pid")" 2>/dev/null; then
      show postgresql "$(head -n 1 "$dir/postgres/data/postmaster.pid")" "127.0.0.1:$(sed -n 4p "$dir/postgres/data/postmaster.pid")" running
    else show postgresql - - stopped; state=1; fi
  else show postgresql - "(given by MESSAGES_CLUSTER_POSTGRES)" given; fi
  for n in $(seq 1 "$INSTANCES"); do
    port=$(cat "$dir/api-$n.port")
    if pid=$(live_pid "$dir/api-$n.pid" "$(instance_marker "$n")"); then
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/health/ready" || true)
      show "instance $n" "$pid" "http://127.0.0.1:$port" "running, /health/ready $code"
    else show "instance $n" - "http://127.0.0.1:$port" stopped; state=1; fi
  done
  if pid=$(live_pid "$dir/nginx.pid.started" "$dir/nginx/nginx.conf"); then show nginx "$pid" "$NGINX_URL" running
  else show nginx - "$NGINX_URL" stopped; state=1; fi
  return $state
}

cmd_down() {
  load_env
  local n pid
  if pid=$(live_pid "$dir/nginx.pid.started" "$dir/nginx/nginx.conf"); then
    kill -QUIT "$pid"; wait_gone "$pid" 15 || kill -KILL "$pid" 2>/dev/null || true
    say "nginx stopped"
  fi
  for n in $(seq 1 "$INSTANCES"); do signal_instance "$n" TERM; done
  if pid=$(live_pid "$dir/issuer.pid" Messages.LocalIssuer.dll); then
    kill -TERM "$pid"; wait_gone "$pid" 15 || kill -KILL "$pid" 2>/dev/null || true
    say "local issuer stopped"
  fi
  if [ "$PG_KIND" = throw-away ]; then pg_stop "$dir/postgres"; say "PostgreSQL stopped, its data removed"; fi
  rm -f "$env_file" "$dir"/*.pid "$dir"/*.pid.started
  say "down (logs kept in $dir)"
}

cmd_token() {
  load_env
  [ "$ISSUER_KIND" = local ] || die "tokens come from the configured issuer ($ISSUER), not from this script"
  dotnet "$dir/issuer/Messages.LocalIssuer.dll" token "$KEYS_DIR" "$ISSUER" "$AUDIENCE" "${1:-cluster-user}" "${2:-read:messages write:messages}"
}

instance_arg() {
  [[ "${1:-}" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le "$INSTANCES" ] || die "give an instance number from 1 to $INSTANCES"
}

case "${1:-}" in
  up) cmd_up ;;
  status) cmd_status ;;
  down) cmd_down ;;
  token) shift; cmd_token "$@" ;;
  kill) load_env; instance_arg "${2:-}"; signal_instance "$2" KILL ;;
  stop) load_env; instance_arg "${2:-}"; signal_instance "$2" TERM ;;
  start) load_env; instance_arg "${2:-}"; start_instance "$2" ;;
  restart) load_env; instance_arg "${2:-}"; signal_instance "$2" TERM; start_instance "$2" ;;
  rotate-key)
    load_env
    [ "$ISSUER_KIND" = local ] || die "only the local issuer's key can be rotated from here"
    say "new signing key $(dotnet "$dir/issuer/Messages.LocalIssuer.dll" new-key "$KEYS_DIR")" ;;
  *) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
