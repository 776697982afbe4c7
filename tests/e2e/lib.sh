# What the end-to-end scripts share. Source it after setting $tmp (the test's own folder)
# and, where a store is used, $STORE (wijkstem-store) and $WIJKSTEM:
#   source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh"
# Nothing here runs on its own; every function reports through fail or its status.

# fail MESSAGE: says what went wrong (with $E2E_SEED when the script has one, and the last
# lines of the store's and the proxy's logs when there are any) and ends the test.
fail() {
  echo "FAIL${E2E_SEED:+ (seed $E2E_SEED)}: $*" >&2
  local log
  for log in "$tmp/store.log" "$tmp/proxy.log"; do
    [ -f "$log" ] && tail -n "${E2E_LOG_LINES:-40}" "$log" | sed "s/^/  $(basename "$log" .log): /" >&2
  done
  exit 1
}

# json_field NAME < JSON: a number or a word of a flat JSON object (wijkstem status --json).
json_field() { sed -n "s/.*\"$1\": *\\([0-9a-z]*\\).*/\\1/p"; }

# q DB SQL: one query with the sqlite3 tool, waiting up to 10 s for a busy database.
q() { sqlite3 -batch -cmd '.timeout 10000' "$1" "$2"; }

# start_store DB PORT [serve options]: starts a store on 127.0.0.1:PORT and waits (up to
# 10 s: a loaded CI machine is slow) until it listens; tries again a few times while the
# port is still taken. Sets store_pid; the log is $tmp/store.log.
start_store() {
  local db=$1 p=$2 try i
  shift 2
  for try in 1 2 3 4 5; do
    "$STORE" serve --db "$db" --listen "127.0.0.1:$p" "$@" 2> "$tmp/store.log" &
    store_pid=$!
    for i in $(seq 200); do
      grep -q listening "$tmp/store.log" && return 0
      kill -0 "$store_pid" 2> /dev/null || break
      sleep 0.05
    done
    kill "$store_pid" 2> /dev/null; wait "$store_pid" 2> /dev/null || true
    store_pid=
    sleep 0.5
  done
  return 1
}

# start_store_anywhere DB [serve options]: a store on a free loopback port; sets port and
# url, or fails the test.
start_store_anywhere() {
  local db=$1 try
  shift
  for try in 1 2 3 4 5; do
    port=$(( 20000 + (RANDOM % 20000) ))
    start_store "$db" "$port" "$@" && break
  done
  [ -n "$store_pid" ] || fail "the store did not start"
  url=http://127.0.0.1:$port
}

# enrol_kiosk DB WIJK DATA_DIR: a one-time code from the store's database, and the kiosk
# with that data folder enrolled with it at $url.
enrol_kiosk() {
  local code
  code=$("$STORE" enroll-code --db "$1" --wijk "$2") || fail "no enrolment code for $2"
  "$WIJKSTEM" enroll "$url" "$code" --data "$3" > /dev/null || fail "the kiosk in $3 could not enrol"
}

# stop_store: the store started here, ended and waited for.
stop_store() {
  [ -z "${store_pid:-}" ] || kill "$store_pid" 2> /dev/null || true
  [ -z "${store_pid:-}" ] || wait "$store_pid" 2> /dev/null || true
  store_pid=
}
