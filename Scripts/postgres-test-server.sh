#!/usr/bin/env bash
# A throw-away PostgreSQL server on a free loopback port, for the PostgreSQL store's tests and benchmark.
#
#   eval "$(Scripts/postgres-test-server.sh start)"   # starts one; exports EARSHOT_TEST_POSTGRES_URL,
#                                                    # PGPASSFILE and EARSHOT_TEST_POSTGRES_DIR
#   swift test --filter Postgres
#   Scripts/postgres-test-server.sh stop "$EARSHOT_TEST_POSTGRES_DIR"
#
# The server lives in a new temporary folder (data, socket, log, password file) and listens on
# 127.0.0.1 only, with password (SCRAM) authentication for user `earshot`, database `earshot`; the
# random password is in the password file that PGPASSFILE names, never on a command line. It uses
# the PostgreSQL on PATH (initdb, pg_ctl) or the newest /usr/lib/postgresql/*/bin; with neither, and
# as root, it installs Debian's `postgresql` package. initdb refuses to run as root, so as root the
# server runs as the `postgres` user (created by that package) or, without one, a new `earshot-pg`.
# Tests run it with fsync off (faster, nothing to keep); POSTGRES_TEST_FSYNC=on keeps PostgreSQL's
# durable default, as the benchmark does so its figures compare with SQLite's fairly.
# Exit status 3 (and a reason on stderr) when no server can be started.
set -euo pipefail

find_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n "$dir" && -x "$dir/initdb" ]] && echo "$dir"
}

start() {
  local bin
  bin=$(find_bin || true)
  if [[ -z "$bin" && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "postgres-test-server: installing Debian's postgresql package" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq postgresql; } >&2 || true
    bin=$(find_bin || true)
  fi
  if [[ -z "$bin" ]]; then
    echo "postgres-test-server: no PostgreSQL server (initdb, pg_ctl) found; install Debian's postgresql" >&2
    exit 3
  fi
  local dir run_as=()
  dir=$(mktemp -d "${TMPDIR:-/tmp}/earshot-postgres.XXXXXX")
  chmod 755 "$dir"
  if [[ $(id -u) -eq 0 ]]; then
    local user=postgres
    if ! id "$user" >/dev/null 2>&1; then
      user=earshot-pg
      id "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
    fi
    chown "$user" "$dir"
    run_as=(runuser -u "$user" --)
  fi
  # A free port: the kernel picks one for a socket bound to port 0.
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  printf '%s\n' "$password" >"$dir/pwfile"
  chmod 644 "$dir/pwfile"
  "${run_as[@]}" "$bin/initdb" -D "$dir/data" -U earshot --auth=scram-sha-256 --pwfile="$dir/pwfile" \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    echo "postgres-test-server: initdb failed" >&2
    exit 3
  }
  rm -f "$dir/pwfile"
  "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=${POSTGRES_TEST_FSYNC:-off} -c max_connections=40" \
    start >&2 || {
    cat "$dir/server.log" >&2
    echo "postgres-test-server: the server did not start" >&2
    exit 3
  }
  printf '127.0.0.1:%s:*:earshot:%s\n' "$port" "$password" >"$dir/pgpass"
  chmod 600 "$dir/pgpass"
  local psql=$bin/psql
  [[ -x "$psql" ]] || psql=$(command -v psql)
  PGPASSFILE="$dir/pgpass" "$psql" -h 127.0.0.1 -p "$port" -U earshot -d postgres -qAt \
    -c "CREATE DATABASE earshot" >&2
  echo "$bin" >"$dir/bin"
  echo "export EARSHOT_TEST_POSTGRES_URL=postgres://earshot@127.0.0.1:$port/earshot"
  echo "export PGPASSFILE=$dir/pgpass"
  echo "export EARSHOT_TEST_POSTGRES_DIR=$dir"
}

stop() {
  local dir=${1:?usage: postgres-test-server.sh stop DIR}
  [[ -d "$dir/data" ]] || { rm -rf "$dir"; return; }
  local bin run_as=()
  bin=$(cat "$dir/bin" 2>/dev/null || find_bin)
  if [[ $(id -u) -eq 0 ]]; then run_as=(runuser -u "$(stat -c %U "$dir")" --); fi
  "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 64 ;;
esac
