# Shared shell functions: a throw-away PostgreSQL server (Debian's package) on a free loopback port,
# used by .ci/run (the storage tests) and deploy/local-cluster.sh (the cluster's database).
# Source it; it defines functions and sets nothing else.

# Runs a command as the database's owner: "postgres" when we are root (initdb refuses root), else us.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A TCP port on 127.0.0.1 that nothing listens on, picked at random in [first, last]
# (defaults 20000-59999), so that parallel runs rarely try the same one.
free_port() {
  local first=${1:-20000} last=${2:-59999} port tries
  for tries in $(seq 1 200); do
    port=$((first + (RANDOM * 32768 + RANDOM) % (last - first + 1)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

# Installs Debian's postgresql package when no server binaries are present (needs root), then prints
# the newest server's bin folder.
pg_install() {
  if ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
    [ "$(id -u)" -eq 0 ] || { echo "PostgreSQL is not installed and installing it needs root" >&2; return 1; }
    apt-get update >&2 || return 1
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2 || return 1
  fi
  ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1
}

# pg_start <dir> [max_connections]: a new cluster in <dir>/data (trust authentication, loopback only,
# socket in <dir>, fsync off: throw-away data), log in <dir>/server.log. Sets PG_PORT and PG_CONNECTION
# (an Npgsql connection string to the "postgres" database as user postgres).
pg_start() {
  local dir=$1 max_connections=${2:-300} bin
  bin=$(pg_install) || return 1
  mkdir -p "$dir" || return 1
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  PG_PORT=$(free_port) || return 1
  pg_as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null || return 1
  pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $dir -c max_connections=$max_connections -c fsync=off" start >/dev/null || {
    cat "$dir/server.log" >&2; return 1; }
  PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

# pg_stop <dir>: stops the cluster started in <dir> (if it runs) and removes <dir>.
pg_stop() {
  local dir=$1 bin
  [ -n "$dir" ] || return 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    pg_as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
