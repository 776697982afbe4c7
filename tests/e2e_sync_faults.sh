#!/usr/bin/env bash
# The fault test of issue 4: tests/fault_proxy (the project's own) sits between kiosk and
# store and, over 10,000 answers, resets connections, drops replies after the store
# committed, cuts replies off, sends them slowly, answers 500 and answers a captive
# portal's "200 OK" HTML page. `wijkstem sync` is repeated until it succeeds. Afterwards
# the store must hold every answer exactly once and the kiosk must show nothing waiting.
# Then the kiosk sends all of them a second time, through the faults again: each must come
# back "already stored".
# It records three sets: attempted (every answer in the kiosk's journal), acknowledged
# (synced_at set) and stored (in the store's database), and fails on any lost, doubled or
# wrongly acknowledged answer.
# Usage: e2e_sync_faults.sh WIJKSTEM SOURCE_DIR PNG_CHECK
#   (wijkstem-store sits next to WIJKSTEM, fault_proxy next to PNG_CHECK)
set -euo pipefail
WIJKSTEM=$1
STORE=$(dirname "$WIJKSTEM")/wijkstem-store
PROXY=$(dirname "$3")/fault_proxy
SEED=${FAULT_SEED:-$(( (RANDOM << 15) | RANDOM ))}
VISITS=2500     # of 4 answers each: 10,000 answers
MAX_ROUNDS=300
tmp=$(mktemp -d)
store_pid='' proxy_pid=''
cleanup() {
  [ -n "$proxy_pid" ] && kill "$proxy_pid" 2> /dev/null
  [ -n "$store_pid" ] && kill "$store_pid" 2> /dev/null
  wait 2> /dev/null; rm -rf "$tmp"
}
trap cleanup EXIT
E2E_SEED=$SEED
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh" # fail, json_field, q, start_store, enrol_kiosk
# start_proxy PORT TARGET: the fault proxy; false if it cannot listen there.
start_proxy() {
  "$PROXY" "$1" "$2" "$SEED" "$tmp/delivered" 2> "$tmp/proxy.log" &
  proxy_pid=$!
  wait_listening "$tmp/proxy.log" "$proxy_pid" && return 0
  kill "$proxy_pid" 2> /dev/null; wait "$proxy_pid" 2> /dev/null || true
  proxy_pid=
  return 1
}
[ -x "$PROXY" ] || fail "no fault_proxy at $PROXY"
start=$SECONDS

# A store on a free loopback port, the proxy on another.
store_db=$(new_store_db store) # a file, or PostgreSQL under pg_cluster.sh (e2e_sync_faults_pg)
start_store_anywhere "$store_db"
for try in 1 2 3 4 5; do
  proxy_port=$(( 20000 + (RANDOM % 20000) ))
  [ "$proxy_port" = "$port" ] && continue
  start_proxy "$proxy_port" "$port" && break
done
[ -n "$proxy_pid" ] || fail "the fault proxy did not start"

# Enrolment is not under test: straight at the store; then the kiosk talks through the proxy.
code=$("$STORE" enroll-code --db "$store_db" --wijk Oosterpark)
"$WIJKSTEM" enroll "http://127.0.0.1:$port" "$code" --data "$tmp/k" > /dev/null || fail "the kiosk could not enrol"
sqlite3 "$tmp/k/journal.sqlite" "UPDATE store SET url = 'http://127.0.0.1:$proxy_port'"
[ "$(q "$tmp/k/journal.sqlite" 'SELECT url FROM store')" = "http://127.0.0.1:$proxy_port" ] || fail "the kiosk's store url"
# Every acknowledgement, as it happens (the test's own trigger in the kiosk's journal): a
# wrong one would be healed later (the store reports its gaps and the kiosk re-sends), so
# the final state alone would not show it. The proxy logs, in $tmp/delivered, every id a
# reply it delivered whole acknowledged; the kiosk may mark an id synced no more often.
sqlite3 "$tmp/k/journal.sqlite" "CREATE TABLE test_acks (id TEXT NOT NULL);
  CREATE TRIGGER test_ack AFTER UPDATE OF synced_at ON answers
  WHEN NEW.synced_at IS NOT NULL AND OLD.synced_at IS NULL BEGIN INSERT INTO test_acks VALUES (NEW.id); END;"

# 10,000 answers: 2,500 visits of 4 answers, without background sync.
visit="$(quick_visit 4 ja groen nee)"$'\n'
for i in $(seq "$VISITS"); do printf '%s' "$visit"; done > "$tmp/visits.script"
"$WIJKSTEM" --headless --no-sync --data "$tmp/k" --script "$tmp/visits.script" || fail "the headless visits"
attempted_n=$(q "$tmp/k/journal.sqlite" 'SELECT count(*) FROM answers')
[ "$attempted_n" -ge 10000 ] || fail "only $attempted_n answers in the journal, want at least 10,000"
[ "$("$WIJKSTEM" status --json --data "$tmp/k" | json_field waiting)" = "$attempted_n" ] || fail "not all answers wait"
echo "made $attempted_n answers in $(( SECONDS - start )) s; syncing through the fault proxy (seed $SEED)"

# sync_until_done: `wijkstem sync` until a round succeeds; a round that meets a fault
# fails, as it should, and the next one carries on.
rounds=0 failed=0
: > "$tmp/errors"
sync_until_done() {
  while :; do
    rounds=$(( rounds + 1 ))
    [ "$rounds" -le "$MAX_ROUNDS" ] || fail "still not synced after $MAX_ROUNDS rounds: $(tail -3 "$tmp/errors")"
    local ok=1
    "$WIJKSTEM" sync --data "$tmp/k" > "$tmp/sync.out" 2> "$tmp/sync.err" || ok=0
    # After every round, not only at the end: a later round heals a wrong acknowledgement
    # (the store reports the gaps it sees and the kiosk re-sends), which would hide it.
    acked_missing=$(acked_not_at_store)
    [ "$acked_missing" = 0 ] || fail "round $rounds: $acked_missing answer(s) marked synced that the store does not" \
      "hold (this round: $(cat "$tmp/sync.out" "$tmp/sync.err"))"
    [ "$ok" = 1 ] && return 0
    failed=$(( failed + 1 ))
    cat "$tmp/sync.err" >> "$tmp/errors"
  done
}
acked_not_at_store() { # the store's ids read through q: a file or PostgreSQL alike
  q "$tmp/k/journal.sqlite" 'SELECT id FROM answers WHERE synced_at IS NOT NULL' | LC_ALL=C sort > "$tmp/acked.now"
  q "$store_db" 'SELECT id FROM answers' | LC_ALL=C sort > "$tmp/stored.now"
  LC_ALL=C comm -23 "$tmp/acked.now" "$tmp/stored.now" | wc -l
}
sync_until_done
[ "$(q "$store_db" 'SELECT count(*) FROM answers')" = "$attempted_n" ] || fail "after the first pass the store" \
  "holds $(q "$store_db" 'SELECT count(*) FROM answers') answers, not $attempted_n"
echo "first pass: $rounds rounds; all $attempted_n answers at the store"
# Second pass: the kiosk forgets every acknowledgement and sends all 10,000 again through
# the faults. Each must come back "already stored": nothing twice, no conflict.
sqlite3 "$tmp/k/journal.sqlite" "UPDATE answers SET synced_at = NULL"
sync_until_done
kill -TERM "$proxy_pid"; wait "$proxy_pid" 2> /dev/null || true; proxy_pid=
sync_s=$(( SECONDS - start ))

# The three sets.
q "$tmp/k/journal.sqlite" 'SELECT id FROM answers ORDER BY id' > "$tmp/attempted"
q "$tmp/k/journal.sqlite" 'SELECT id FROM answers WHERE synced_at IS NOT NULL ORDER BY id' > "$tmp/acknowledged"
q "$store_db" 'SELECT id FROM answers ORDER BY id' > "$tmp/stored"
attempted_n=$(wc -l < "$tmp/attempted")
acknowledged_n=$(wc -l < "$tmp/acknowledged")
stored_rows=$(q "$store_db" 'SELECT count(*) FROM answers')
stored_distinct=$(q "$store_db" 'SELECT count(DISTINCT id) FROM answers')
lost=$(comm -23 "$tmp/attempted" "$tmp/stored" | wc -l)            # attempted, not at the store
unknown=$(comm -13 "$tmp/attempted" "$tmp/stored" | wc -l)         # at the store, never attempted
acked_not_stored=$(comm -23 "$tmp/acknowledged" "$tmp/stored" | wc -l)
conflicts=$(q "$store_db" 'SELECT count(*) FROM conflicts')
touch "$tmp/delivered"
ack_events=$(q "$tmp/k/journal.sqlite" 'SELECT count(*) FROM test_acks')
delivered_n=$(wc -l < "$tmp/delivered")
wrong_acks=$(sqlite3 -batch "$tmp/check.db" <<SQL
CREATE TABLE delivered (id TEXT);
.import '$tmp/delivered' delivered
ATTACH '$tmp/k/journal.sqlite' AS k;
SELECT count(*) FROM (SELECT id, count(*) AS n FROM k.test_acks GROUP BY id) a
  LEFT JOIN (SELECT id, count(*) AS n FROM delivered GROUP BY id) d USING (id) WHERE d.n IS NULL OR a.n > d.n;
SQL
)
waiting=$("$WIJKSTEM" status --json --data "$tmp/k" | json_field waiting)

echo "fates (POST /v1/answers, other requests):"
grep '^fate ' "$tmp/proxy.log" | sed 's/^fate /  /' || true
echo "rounds: $rounds ($failed failed on a fault, as expected); $sync_s s in all"
echo "errors the kiosk reported, by kind:"
sed 's/^wijkstem: sync failed: //' "$tmp/errors" | sort | uniq -c | sed 's/^/  /'
echo "attempted $attempted_n, acknowledged $acknowledged_n, stored $stored_rows rows ($stored_distinct distinct)," \
     "lost $lost, unknown at the store $unknown, acknowledged but not stored $acked_not_stored," \
     "conflicts $conflicts, waiting $waiting"
echo "acknowledgements: $ack_events marked synced by the kiosk, $delivered_n in replies the proxy delivered whole," \
     "$wrong_acks id(s) marked more often than a delivered reply acknowledged them"

[ "$lost" = 0 ] || fail "$lost answer(s) lost: attempted but not at the store"
[ "$stored_rows" = "$stored_distinct" ] || fail "an answer is stored twice ($stored_rows rows, $stored_distinct ids)"
[ "$unknown" = 0 ] || fail "$unknown answer(s) at the store that the kiosk never made"
[ "$stored_rows" = "$attempted_n" ] || fail "the store holds $stored_rows answers, the kiosk made $attempted_n"
[ "$acked_not_stored" = 0 ] || fail "$acked_not_stored answer(s) marked synced that the store does not hold"
[ "$wrong_acks" = 0 ] || fail "$wrong_acks answer(s) marked synced without a reply of the store that acknowledged them"
[ "$acknowledged_n" = "$attempted_n" ] || fail "only $acknowledged_n of $attempted_n answers acknowledged"
[ "$conflicts" = 0 ] || fail "$conflicts conflict(s): a re-sent answer was not recognised as the same"
[ "$waiting" = 0 ] || fail "the kiosk still shows $waiting answer(s) waiting"
# The proxy deals batch fates from decks of 15 (9 passes, 1 of each fault; "slow" ends
# well): a deck holds 10 successful batches, and the two passes need 20 - so the first deck
# is always dealt out whole, and every fault has hit a batch at least once.
for f in reset drop_reply truncate slow status_500 captive; do
  n=$(sed -n "s/^fate $f \([0-9]*\) .*/\1/p" "$tmp/proxy.log")
  [ "${n:-0}" -ge 1 ] || fail "the fate $f never hit a batch (POST /v1/answers): ${n:-no count}"
done
# Each fault left its own mark in the kiosk's words (a dropped reply is an empty one).
for e in "reply is not from a Wijkstem store" "answered 500" "cannot be reached"; do
  grep -q "$e" "$tmp/errors" || fail "no round failed with '$e'"
done
"$STORE" devices --db "$store_db" > "$tmp/devices.out"
grep -q "Oosterpark  *$attempted_n  *$attempted_n  *0  *enrolled" "$tmp/devices.out" \
  || fail "devices: $(cat "$tmp/devices.out")"
echo "ok: $attempted_n answers through $failed faulty rounds: every one at the store exactly once," \
     "every one acknowledged, nothing waiting ($(( SECONDS - start )) s)"
