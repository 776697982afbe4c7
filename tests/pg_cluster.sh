#!/usr/bin/env bash
# A PostgreSQL 15 of the tests' own (issue 18, docs/postgresql.md): Debian's postgresql-15,
# a cluster in a temporary folder, reachable only through a Unix socket in that folder
# (listen_addresses empty: no TCP port at all), stopped and removed afterwards.
#
#   tests/pg_cluster.sh start DIR       initdb DIR/data, start it; prints the URL to use:
#                                       postgresql://wijkstem@/wijkstem?host=DIR
#   tests/pg_cluster.sh stop DIR        stop it (fast shutdown) and wait until it is gone
#   tests/pg_cluster.sh run CMD ARG...  a fresh cluster for CMD, with WIJKSTEM_PG_URL set;
#                                       stopped and removed however CMD ends; CMD's status
#   tests/pg_cluster.sh self-test       start, check (no TCP, version 15, a unique key
#                                       refuses a second row, a commit survives a
#                                       restart), stop, check it is gone (the ctest pg_cluster)
#
# initdb refuses to run as root (FACTS.md): as root the server runs as the `postgres` user
# the package made, in a folder only it (and root) can enter; authentication is `trust`,
# which the folder's 0700 makes safe: nobody else reaches the socket.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

fail() { echo "pg_cluster: $*" >&2; exit 1; }

[[ -x "$PGBIN/initdb" && -x "$PGBIN/pg_ctl" ]] ||
  fail "no PostgreSQL 15 in $PGBIN (Debian package postgresql-15; tools/install-deps.sh installs it)"

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url_of() { echo "postgresql://wijkstem@/wijkstem?host=$1"; }

start() {
  local dir=$1
  [[ "$dir" = /* ]] || fail "give the folder as an absolute path: $dir"
  # A Unix socket's path must fit in 107 bytes: DIR/.s.PGSQL.5432.
  (( ${#dir} <= 80 )) || fail "the folder's path is too long for a Unix socket: $dir"
  mkdir -p "$dir"
  chmod 0700 "$dir"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
  as_owner "$PGBIN/initdb" -D "$dir/data" -U wijkstem -A trust -E UTF8 --locale=C.UTF-8 \
    > "$dir/initdb.log" 2>&1 || fail "initdb failed: $(tail -5 "$dir/initdb.log")"
  as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $dir -c unix_socket_permissions=0700" start > /dev/null ||
    fail "the server did not start: $(tail -5 "$dir/server.log" 2>/dev/null)"
  as_owner "$PGBIN/createdb" -h "$dir" -U wijkstem wijkstem || fail "createdb failed"
  url_of "$dir"
}

stop() {
  local dir=$1
  [[ -f "$dir/data/postmaster.pid" ]] || return 0
  as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop > /dev/null
}

# The temporary cluster of run and self-test, stopped and removed on any exit.
tmp_cluster=""
cleanup() {
  [[ -n "$tmp_cluster" ]] || return 0
  stop "$tmp_cluster" || true
  rm -rf "$tmp_cluster"
}

run() {
  local status=0
  tmp_cluster=$(mktemp -d /tmp/wijkstem-pg.XXXXXX)
  trap cleanup EXIT
  local dir=$tmp_cluster
  WIJKSTEM_PG_URL=$(start "$dir")
  export WIJKSTEM_PG_URL
  "$@" || status=$?
  return $status
}

self_test() {
  local url
  tmp_cluster=$(mktemp -d /tmp/wijkstem-pg.XXXXXX)
  trap cleanup EXIT
  local dir=$tmp_cluster
  url=$(start "$dir")
  q() { psql -X -q -tA -v ON_ERROR_STOP=1 "$url" -c "$1"; }
  [[ $(q "SHOW server_version_num") == 15* ]] || fail "not PostgreSQL 15: $(q 'SHOW server_version')"
  [[ -z $(q "SHOW listen_addresses") ]] || fail "the server listens on TCP: $(q 'SHOW listen_addresses')"
  [[ -S "$dir/.s.PGSQL.5432" ]] || fail "no socket in $dir"
  # What the store's promises rest on (docs/postgresql.md): a unique key keeps an id once,
  # ON CONFLICT DO NOTHING says so without an error, a committed row survives a restart.
  q "CREATE TABLE answers (rowid bigserial PRIMARY KEY, id text NOT NULL UNIQUE, value text NOT NULL)"
  [[ $(q "INSERT INTO answers(id, value) VALUES ('a', '4') ON CONFLICT (id) DO NOTHING RETURNING rowid") == 1 ]] ||
    fail "the first insert returned no row"
  [[ -z $(q "INSERT INTO answers(id, value) VALUES ('a', '2') ON CONFLICT (id) DO NOTHING RETURNING rowid") ]] ||
    fail "a second row with the same id was taken"
  if q "INSERT INTO answers(id, value) VALUES ('a', '3')" 2> /dev/null; then fail "the unique key let a repeat in"; fi
  stop "$dir"
  [[ ! -e "$dir/data/postmaster.pid" ]] || fail "the server did not stop"
  as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $dir -c unix_socket_permissions=0700" start > /dev/null
  [[ $(q "SELECT value FROM answers WHERE id = 'a'") == 4 ]] || fail "the committed row is gone after a restart"
  stop "$dir"
  echo "ok: PostgreSQL $(as_owner "$PGBIN/postgres" --version | awk '{print $3}') in $dir on a Unix socket only; unique key, restart, stop"
}

case "${1:-}" in
  start) [[ $# -eq 2 ]] || fail "usage: pg_cluster.sh start DIR"; start "$2" ;;
  stop) [[ $# -eq 2 ]] || fail "usage: pg_cluster.sh stop DIR"; stop "$2" ;;
  run) shift; [[ $# -ge 1 ]] || fail "usage: pg_cluster.sh run CMD [ARG]..."; run "$@" ;;
  self-test) self_test ;;
  *) fail "usage: pg_cluster.sh start DIR | stop DIR | run CMD [ARG]... | self-test" ;;
esac
