#!/usr/bin/env bash
# Backups on the real stack: wijkstem-store backup copies a live store while two kiosks keep
# syncing; an OLDER backup is restored under them, and every answer comes back (the kiosks
# resend what the restored store misses: docs/sync-protocol.md, "Nothing lost at the store
# either"), none twice. Then the nightly rotation keeps the newest 14, each mode 0600.
# Usage: e2e_backup.sh WIJKSTEM SOURCE_DIR PNG_CHECK  (wijkstem-store sits next to WIJKSTEM)
set -euo pipefail
WIJKSTEM=$1
STORE=$(dirname "$WIJKSTEM")/wijkstem-store
tmp=$(mktemp -d)
store_pid=
syncer_pid=
cleanup() {
  [ -n "$syncer_pid" ] && kill "$syncer_pid" 2> /dev/null
  [ -n "$store_pid" ] && kill "$store_pid" 2> /dev/null
  wait 2> /dev/null; rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$tmp/store.log" ] && sed 's/^/  store: /' "$tmp/store.log" >&2; exit 1; }
json_field() { sed -n "s/.*\"$1\": \([0-9]*\).*/\1/p"; }
q() { sqlite3 -batch "$1" "$2"; }
start_store() { # DB PORT: waits (up to 10 s) until it listens
  local i
  : > "$tmp/store.log" # emptied before the child starts: a restart must not read the last "listening"
  "$STORE" serve --db "$1" --listen "127.0.0.1:$2" 2>> "$tmp/store.log" &
  store_pid=$!
  for i in $(seq 200); do
    grep -q listening "$tmp/store.log" && return 0
    kill -0 "$store_pid" 2> /dev/null || break
    sleep 0.05
  done
  kill "$store_pid" 2> /dev/null; wait "$store_pid" 2> /dev/null || true
  store_pid=
  return 1
}
stop_store() { kill "$store_pid"; wait "$store_pid" 2> /dev/null || true; store_pid=; }
# visits K N: N visits on kiosk K (4 answers each, 31 s apart: separate residents), no sync of its own
visits() {
  local i
  for i in $(seq "$2"); do
    printf 'tap start\ntap prettig-wonen.%s\ntap weet-wie-beslist.ja\ntap wijkbudget-naar.groen\ntap meer-zeggenschap.nee\ntap done\nwait 31\n' $(( i % 5 + 1 ))
  done > "$tmp/$1.script"
  "$WIJKSTEM" --headless --no-sync --data "$tmp/$1" --script "$tmp/$1.script" || fail "kiosk $1's visits"
}
answers_of() { "$WIJKSTEM" status --json --data "$tmp/$1" | json_field answers; }

for try in 1 2 3 4 5; do
  port=$(( 20000 + (RANDOM % 20000) ))
  start_store "$tmp/store.db" "$port" && break
done
[ -n "$store_pid" ] || fail "the store did not start"
url=http://127.0.0.1:$port
for k in a b; do
  code=$("$STORE" enroll-code --db "$tmp/store.db" --wijk Oosterpark)
  "$WIJKSTEM" enroll "$url" "$code" --data "$tmp/$k" > /dev/null || fail "kiosk $k could not enrol"
done

# 1. Some answers reach the store; the OLD backup is taken now.
visits a 5; visits b 3
"$WIJKSTEM" sync --data "$tmp/a" > /dev/null || fail "sync a"
"$WIJKSTEM" sync --data "$tmp/b" > /dev/null || fail "sync b"
"$STORE" backup --db "$tmp/store.db" --out "$tmp/old.db" > "$tmp/backup.out" || fail "backup: $(cat "$tmp/backup.out")"
grep -qx "backup: $tmp/old.db" "$tmp/backup.out" || fail "backup said: $(cat "$tmp/backup.out")"
[ "$(stat -c %a "$tmp/old.db")" = 600 ] || fail "the backup is mode $(stat -c %a "$tmp/old.db"), not 600"
[ "$(q "$tmp/old.db" 'PRAGMA integrity_check')" = ok ] || fail "the old backup is damaged"
[ "$(q "$tmp/old.db" 'SELECT count(*) FROM answers')" = 32 ] || fail "the old backup should hold 20 + 12 answers"

# 2. The kiosks keep syncing (a loop, as their background sync would) while more visits come
#    in and a second backup is taken in the middle of it: it is consistent too.
( while :; do
    "$WIJKSTEM" sync --data "$tmp/a" > /dev/null 2>&1 || true
    "$WIJKSTEM" sync --data "$tmp/b" > /dev/null 2>&1 || true
    sleep 0.2
  done ) &
syncer_pid=$!
visits a 10; visits b 10
"$STORE" backup --db "$tmp/store.db" --out "$tmp/mid.db" > /dev/null || fail "a backup while kiosks sync"
[ "$(q "$tmp/mid.db" 'PRAGMA integrity_check')" = ok ] || fail "the backup taken while syncing is damaged"
mid=$(q "$tmp/mid.db" 'SELECT count(*) FROM answers')
[ "$mid" -ge 32 ] && [ "$mid" -le 112 ] || fail "the backup taken while syncing holds $mid answers"
# Each device's answers in the copy are one commit's worth: a whole batch, never half of one
# (a batch is one transaction, so the seqs the copy holds per device are 1..max without gaps).
gaps=$(q "$tmp/mid.db" 'SELECT count(*) FROM (SELECT device_id, max(seq) m, count(*) c FROM answers GROUP BY device_id) WHERE m <> c')
[ "$gaps" = 0 ] || fail "the backup taken while syncing has gaps in a device's answers"

# 3. Disaster: the store goes back to the OLD backup, under the syncing kiosks.
for i in $(seq 100); do # let the loop deliver what is waiting, so the restore loses acknowledged answers
  [ "$(q "$tmp/store.db" 'SELECT count(*) FROM answers')" = 112 ] && break
  sleep 0.2
done
[ "$(q "$tmp/store.db" 'SELECT count(*) FROM answers')" = 112 ] || fail "the kiosks did not deliver 112 answers"
stop_store
rm -f "$tmp/store.db" "$tmp/store.db-wal" "$tmp/store.db-shm"
cp "$tmp/old.db" "$tmp/store.db"
# Checked before the store starts: once it listens, the syncing kiosks resend at once.
[ "$(q "$tmp/store.db" 'SELECT count(*) FROM answers')" = 32 ] || fail "the restore did not take"
start_store "$tmp/store.db" "$port" || fail "the store did not start on the restored database"
visits a 2; visits b 1

# 4. Every answer comes back, none twice.
want=$(( $(answers_of a) + $(answers_of b) ))
[ "$want" = 124 ] || fail "the kiosks should hold 124 answers, hold $want"
for i in $(seq 150); do
  [ "$(q "$tmp/store.db" 'SELECT count(*) FROM answers')" = "$want" ] && break
  sleep 0.2
done
kill "$syncer_pid"; wait "$syncer_pid" 2> /dev/null || true; syncer_pid=
"$WIJKSTEM" sync --data "$tmp/a" > /dev/null || fail "a last sync of a"
"$WIJKSTEM" sync --data "$tmp/b" > /dev/null || fail "a last sync of b"
got=$(q "$tmp/store.db" 'SELECT count(*) FROM answers')
[ "$got" = "$want" ] || fail "the store holds $got answers after the restore, the kiosks $want"
[ "$(q "$tmp/store.db" 'SELECT count(DISTINCT id) FROM answers')" = "$want" ] || fail "an answer is stored twice"
[ "$(q "$tmp/store.db" 'SELECT count(*) FROM conflicts')" = 0 ] || fail "the resent answers made conflicts"
# The very same answers: ids and seqs on each kiosk equal the store's.
for k in a b; do
  dev=$("$WIJKSTEM" status --json --data "$tmp/$k" | sed -n 's/.*"device_id": "\([^"]*\)".*/\1/p')
  q "$tmp/$k/journal.sqlite" 'SELECT id, seq, question_id, value FROM answers ORDER BY seq' > "$tmp/$k.kiosk"
  q "$tmp/store.db" "SELECT id, seq, question_id, value FROM answers WHERE device_id = '$dev' ORDER BY seq" > "$tmp/$k.store"
  cmp -s "$tmp/$k.kiosk" "$tmp/$k.store" || fail "kiosk $k's answers differ from the store's: $(diff "$tmp/$k.kiosk" "$tmp/$k.store" | head -5)"
  [ "$("$WIJKSTEM" status --json --data "$tmp/$k" | json_field waiting)" = 0 ] || fail "kiosk $k still has answers waiting"
done
"$STORE" devices --db "$tmp/store.db" | grep -c "Oosterpark  *[0-9]*  *[0-9]*  *0  *enrolled" | grep -qx 2 \
  || fail "the store still misses answers: $("$STORE" devices --db "$tmp/store.db")"
echo "ok: an older backup restored under syncing kiosks; all $want answers came back, none twice"

# 5. The nightly rotation: the newest 14 are kept, nothing else in the folder is touched.
mkdir -m 700 "$tmp/nightly"
for d in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15; do
  : > "$tmp/nightly/wijkstem-store-202601${d}-030000.db"
done
: > "$tmp/nightly/notes.txt"
"$STORE" backup --db "$tmp/store.db" --out-dir "$tmp/nightly" --keep 14 > "$tmp/rot.out" || fail "rotation: $(cat "$tmp/rot.out")"
new=$(sed -n 's/^backup: //p' "$tmp/rot.out")
[ -f "$new" ] && [ "$(stat -c %a "$new")" = 600 ] || fail "the nightly backup $new is missing or not 0600"
[ "$(q "$new" 'SELECT count(*) FROM answers')" = "$want" ] || fail "the nightly backup does not hold every answer"
[ "$(ls "$tmp/nightly" | grep -c '^wijkstem-store-')" = 14 ] || fail "rotation kept $(ls "$tmp/nightly")"
[ ! -e "$tmp/nightly/wijkstem-store-20260102-030000.db" ] || fail "the oldest backups were not removed"
[ -e "$tmp/nightly/wijkstem-store-20260103-030000.db" ] || fail "rotation removed one too many"
[ -e "$tmp/nightly/notes.txt" ] || fail "rotation removed a file that is not a backup"

# 6. Bad input changes nothing.
if "$STORE" backup --db "$tmp/nothing.db" --out "$tmp/x.db" 2> "$tmp/err"; then fail "a missing store was backed up"; fi
[ ! -e "$tmp/nothing.db" ] && [ ! -e "$tmp/x.db" ] || fail "a failed backup left files behind"
grep -q "no backup was written" "$tmp/err" || fail "unclear message: $(cat "$tmp/err")"
if "$STORE" backup --db "$tmp/store.db" --out-dir "$tmp/nightly" --keep 0 2> "$tmp/err"; then fail "--keep 0 was taken"; fi
echo "ok: nightly rotation keeps 14, files 0600; bad input refused"
