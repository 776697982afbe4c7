# What the end-to-end scripts share. Source it after setting $tmp (the test's own folder)
# and, where a store is used, $STORE (wijkstem-store) and $WIJKSTEM:
#   source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh"
# Nothing here runs on its own; every function reports through fail or its status.

# Set here unless the script set them first: the test's own folder, the store binary next
# to the kiosk's, no store running yet.
tmp=${tmp:-$(mktemp -d)}
if [ -n "${WIJKSTEM:-}" ]; then STORE=${STORE:-$(dirname "$WIJKSTEM")/wijkstem-store}; fi
store_pid=${store_pid:-}

# e2e_cleanup: the usual end of a test (trap e2e_cleanup EXIT): the store started here
# stopped, the test's folder removed.
e2e_cleanup() { [ -n "${store_pid:-}" ] && kill "$store_pid" 2> /dev/null; wait 2> /dev/null; rm -rf "$tmp"; }

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

# q DB SQL: one query on a kiosk's journal or a store's database: the sqlite3 tool, waiting
# up to 10 s for a busy file, or psql for a store on PostgreSQL (the same output: one line a
# row, columns split by |).
q() {
  case "$1" in
    postgresql://*) psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$1" -c "$2" ;;
    *) sqlite3 -batch -cmd '.timeout 10000' "$1" "$2" ;;
  esac
}

# new_store_db NAME: where a store of the test keeps its data, printed: the file $tmp/NAME.db,
# or, when the test runs under tests/pg_cluster.sh (WIJKSTEM_PG_URL set: the ctest *_pg
# entries), a schema of its own in that PostgreSQL (issue 18: one test, both backends).
new_store_db() {
  if [ -z "${WIJKSTEM_PG_URL:-}" ]; then echo "$tmp/$1.db"; return; fi
  local schema="e2e_$1_$$_$RANDOM"
  psql -X -q -v ON_ERROR_STOP=1 -d "$WIJKSTEM_PG_URL" -c "CREATE SCHEMA $schema" > /dev/null \
    || fail "cannot make the schema $schema in $WIJKSTEM_PG_URL"
  echo "$WIJKSTEM_PG_URL&options=-csearch_path%3D$schema"
}

# store_snapshot DB: a fingerprint of everything the store's database holds (to show that a
# refused request changed nothing): SQLite's .dump, or pg_dump of the store's schema.
store_snapshot() {
  case "$1" in
    postgresql://*) # without the \restrict lines: pg_dump makes a new random key for them each time
      pg_dump --no-owner -n "${1##*%3D}" -d "$WIJKSTEM_PG_URL" | grep -Ev '^\\(un)?restrict ' | md5sum ;;
    *) sqlite3 "$1" .dump | md5sum ;;
  esac
}

# store_intact DB: prints ok when the store's database is whole, or else why not. SQLite:
# integrity_check of the file. PostgreSQL (whose files a killed store process cannot harm:
# its server rolls back what the process left open) checks what a killed store could still
# get wrong there:
#   - the database answers at all;
#   - no other session stays inside a transaction: the backend of a SIGKILLed store
#     notices its client gone and rolls back, which may take a moment (waits up to 10 s);
#     and no prepared (two-phase) transaction is left behind;
#   - every answer id is there once (count(*) = count(DISTINCT id): the unique index holds);
#   - answer_counts and device_seqs agree with the answers they count: a batch writes its
#     answers and their counts in one transaction, so half a batch kept would show here.
store_intact() {
  case "$1" in
    postgresql://*)
      local open end=$((SECONDS + 10))
      while :; do
        open=$(q "$1" "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
          AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND xact_start IS NOT NULL" 2>&1) \
          || { echo "psql: $open"; return 1; }
        if [ "$open" = 0 ] || ((SECONDS >= end)); then break; fi
        sleep 0.1
      done
      [ "$open" = 0 ] || { echo "$open other session(s) still inside a transaction after 10 s"; return 1; }
      q "$1" "WITH counted AS (SELECT device_id, pack_id, pack_version, question_id, value, count(*) AS n FROM answers
                                 WHERE flagged = 0 AND unverified = 0 AND superseded = 0
                                 GROUP BY device_id, pack_id, pack_version, question_id, value),
                   kept AS (SELECT device_id, pack_id, pack_version, question_id, value, n FROM answer_counts WHERE n <> 0)
        SELECT CASE
          WHEN (SELECT count(*) FROM pg_prepared_xacts) > 0 THEN 'prepared transactions left behind'
          WHEN (SELECT count(*) <> count(DISTINCT id) FROM answers) THEN 'ids twice'
          WHEN EXISTS ((SELECT * FROM counted EXCEPT SELECT * FROM kept) UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM counted))
            THEN 'answer_counts disagrees with the answers'
          WHEN EXISTS ((SELECT device_id, count(*), max(seq) FROM answers GROUP BY device_id
                        EXCEPT SELECT device_id, n, max_seq FROM device_seqs WHERE n <> 0)
                       UNION ALL (SELECT device_id, n, max_seq FROM device_seqs WHERE n <> 0
                        EXCEPT SELECT device_id, count(*), max(seq) FROM answers GROUP BY device_id))
            THEN 'device_seqs disagrees with the answers'
          ELSE 'ok' END" 2>&1 ;;
    *) q "$1" 'PRAGMA integrity_check' ;;
  esac
}

# store_copy DB NAME: a copy of the store's database as it is now (a backup), printed as a
# target: SQLite's .backup, or on PostgreSQL pg_dump of its schema restored into a new one.
store_copy() {
  case "$1" in
    postgresql://*)
      local from=${1##*%3D} to
      to=$(new_store_db "$2")
      psql -X -q -d "$WIJKSTEM_PG_URL" -c "DROP SCHEMA ${to##*%3D}" > /dev/null
      pg_dump --no-owner -n "$from" -d "$WIJKSTEM_PG_URL" | sed "s/$from/${to##*%3D}/g" \
        | psql -X -q -v ON_ERROR_STOP=1 -d "$WIJKSTEM_PG_URL" > /dev/null || fail "cannot copy the schema $from"
      echo "$to" ;;
    *) sqlite3 "$1" ".backup '$tmp/$2.db'" && echo "$tmp/$2.db" ;;
  esac
}

# wait_listening LOG PID: true once LOG says "listening" (within 10 s: a loaded CI machine
# is slow); false when the process PID ends first or the time is up.
wait_listening() {
  local i
  for i in $(seq 200); do
    grep -q listening "$1" && return 0
    kill -0 "$2" 2> /dev/null || return 1
    sleep 0.05
  done
  return 1
}

# start_store DB PORT [serve options]: starts a store on 127.0.0.1:PORT and waits (up to
# 10 s: a loaded CI machine is slow) until it listens; tries again a few times while the
# port is still taken. Sets store_pid; the log is $tmp/store.log.
start_store() {
  local db=$1 p=$2 try
  shift 2
  for try in 1 2 3 4 5; do
    # Emptied here, not by the redirection below: that runs in the background child, and the
    # wait could read the last store's "listening" line before the child truncates the file.
    : > "$tmp/store.log"
    "$STORE" serve --db "$db" --listen "127.0.0.1:$p" "$@" 2>> "$tmp/store.log" &
    store_pid=$!
    wait_listening "$tmp/store.log" "$store_pid" && return 0
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

# quick_visit PRETTIG BESLIST BUDGET ZEGGENSCHAP [WAIT]: one visit of the quick poll as
# script lines, from "tap start" to "tap done", then WAIT seconds (default 5).
quick_visit() {
  printf 'tap start\ntap prettig-wonen.%s\ntap weet-wie-beslist.%s\ntap wijkbudget-naar.%s\n' "$1" "$2" "$3"
  printf 'tap meer-zeggenschap.%s\ntap done\nwait %s\n' "$4" "${5:-5}"
}
