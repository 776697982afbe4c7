#!/usr/bin/env bash
# Sync under kill -9: a real wijkstem-store on loopback and an enrolled kiosk with
# thousands of answers. First the kiosk's `wijkstem sync` is killed with SIGKILL at
# random moments mid-sync, again and again; then, separately, the store is killed
# mid-sync and restarted on the same port. After every kill the killed side's database
# is whole (the journal: PRAGMA integrity_check; the store: lib.sh's store_intact) and
# every answer the kiosk holds as acknowledged is at the store. At the end one sync brings
# the rest: the store holds exactly the kiosk's answers, once each, and nothing waits.
# The store's database is a file, or, under tests/pg_cluster.sh (WIJKSTEM_PG_URL set: the
# ctest e2e_sync_kill_pg), a schema of its own in PostgreSQL (lib.sh's new_store_db). The
# two sides are compared through sorted lists of their rows (comm), not through ATTACH, so
# the same checks run on both backends.
# Usage: e2e_sync_kill.sh WIJKSTEM SOURCE_DIR [PNG_CHECK]  (wijkstem-store sits next to WIJKSTEM)
# Environment: E2E_KILLS (default 50 of each kind), E2E_KIOSK_KILLS and E2E_STORE_KILLS (each
# kind apart; default E2E_KILLS), E2E_KILL_SEED (default: random, printed).
set -euo pipefail
WIJKSTEM=$1
STORE=$(dirname "$WIJKSTEM")/wijkstem-store
tmp=$(mktemp -d)
store_pid= sync_pid=
cleanup() {
  [ -n "$sync_pid" ] && kill -KILL "$sync_pid" 2> /dev/null
  [ -n "$store_pid" ] && kill -KILL "$store_pid" 2> /dev/null
  wait 2> /dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh" # fail, q, new_store_db, store_intact, start_store
command -v sqlite3 > /dev/null || fail "the sqlite3 command-line tool is missing (tools/install-deps.sh installs it)"

KILLS=${E2E_KILLS:-50}
KIOSK_KILLS=${E2E_KIOSK_KILLS:-$KILLS}
STORE_KILLS=${E2E_STORE_KILLS:-$KILLS}
SEED=${E2E_KILL_SEED:-$(( $(date +%s%N) % 32768 ))}
RANDOM=$SEED
E2E_SEED=$SEED
E2E_LOG_LINES=5
kiosk=$tmp/kiosk
journal=$kiosk/journal.sqlite
store_db=$(new_store_db store) # the file $tmp/store.db, or a schema in WIJKSTEM_PG_URL
backend=SQLite
[ -n "${WIJKSTEM_PG_URL:-}" ] && backend=PostgreSQL
# On PostgreSQL: how many connections died inside a transaction, from the server's log
# (pg_cluster.sh keeps it beside the socket, in WIJKSTEM_PG_URL's host folder). A SIGKILLed
# store mid-batch leaves exactly that line; the server rolls the transaction back.
pg_killed_in_tx() {
  grep -c 'unexpected EOF on client connection with an open transaction' "${WIJKSTEM_PG_URL##*host=}/server.log" \
    || [ $? = 1 ] # 1: no such line (count 0); 2: no log, which fails the test
}

ms_now() { echo $(( $(date +%s%N) / 1000000 )); }
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }
rand() { echo $(( (RANDOM * 32768 + RANDOM) % $1 )); } # 0 .. N-1
waiting() { q "$journal" 'SELECT count(*) FROM answers WHERE synced_at IS NULL'; }

# Integrity of the kiosk's journal (always a SQLite file); prints the reason on failure.
intact() { # DB
  local ic
  ic=$(q "$1" 'PRAGMA integrity_check' 2>&1) || { echo "sqlite3 could not open $1: $ic"; return 1; }
  [ "$ic" = ok ] || { echo "integrity_check of $1: $(echo "$ic" | head -3)"; return 1; }
}

# Integrity of the store's database (lib.sh's store_intact: integrity_check of the file, or
# on PostgreSQL no transaction left open, each id once, answer_counts true); prints the reason.
store_whole() {
  local ic
  ic=$(store_intact "$store_db" 2>&1) || { echo "the store's database cannot be checked: $ic"; return 1; }
  [ "$ic" = ok ] || { echo "the store's database is not whole: $(echo "$ic" | head -3)"; return 1; }
}

# rows DB SQL FILE: the rows of a query (columns split by |, as both q tools print them),
# sorted bytewise for comm.
rows() { q "$1" "$2" 2> "$3.err" | LC_ALL=C sort > "$3" || { echo "$1: $(cat "$3.err")"; return 1; }; }

# Every answer the kiosk holds as acknowledged is at the store, with its seq. The journal
# is read first: what it holds as acknowledged the store had committed before, so a store
# still inserting can only hold more.
acked_at_store() {
  local lost
  rows "$journal" 'SELECT id, seq FROM answers WHERE synced_at IS NOT NULL' "$tmp/acked" || return 1
  rows "$store_db" 'SELECT id, seq FROM answers' "$tmp/stored" || return 1
  LC_ALL=C comm -23 "$tmp/acked" "$tmp/stored" > "$tmp/lost"
  lost=$(wc -l < "$tmp/lost")
  [ "$lost" = 0 ] || { echo "$lost acknowledged answer(s) are not at the store, e.g. $(head -3 "$tmp/lost" | tr '\n' ' ')"; return 1; }
}

visit() { # one full visit with varied answers
  local smiley=(1 2 3 4 5) yes_no=(ja nee weet-niet) budget=(groen spelen veiligheid ontmoeten activiteiten)
  printf '%s\n' "tap start" "tap prettig-wonen.${smiley[RANDOM % 5]}" "tap weet-wie-beslist.${yes_no[RANDOM % 3]}" \
    "tap wijkbudget-naar.${budget[RANDOM % 5]}" "tap meer-zeggenschap.${yes_no[RANDOM % 3]}" "tap done" \
    "wait 5" # the minimum gap between visits
}
add_visits() { # N: N visits (4 answers each) on the kiosk, with its own sync off
  local i
  for ((i = 0; i < $1; i++)); do visit; done > "$tmp/visits.script"
  "$WIJKSTEM" --headless --no-sync --data "$kiosk" --script "$tmp/visits.script" 2> "$tmp/visits.err" \
    || fail "the visit script failed: $(cat "$tmp/visits.err")"
}

# Makes a sync last a few batches: a random range of acknowledged answers waits again
# (as if replies had been lost); they must come back already_stored.
resend_range() {
  local max n from
  max=$(q "$journal" 'SELECT max(seq) FROM answers')
  n=$(( 2000 + $(rand 3000) ))
  from=$(( 1 + $(rand $((max - n > 0 ? max - n : 1))) ))
  q "$journal" "UPDATE answers SET synced_at = NULL WHERE seq BETWEEN $from AND $((from + n - 1))"
}

# Waits for the background sync to end (bounded); sets rc.
wait_sync() {
  local t0
  t0=$(ms_now)
  while kill -0 "$sync_pid" 2> /dev/null; do
    (( $(ms_now) - t0 < 60000 )) || fail "a sync did not end within 60 s"
    sleep 0.01
  done
  rc=0
  wait "$sync_pid" 2> /dev/null || rc=$?
  sync_pid=
}

# Starts `wijkstem sync` in the background and waits until TARGET batches of the W
# waiting answers are acknowledged (the kiosk's own count), or the sync ended; then a
# random part of one batch's time more. Kills by progress, not only by the clock, so a
# loaded machine still kills mid-sync. Sets acked_before (answers acknowledged this round
# when the kill came) and running (whether the sync was still running).
sync_until() { # OUT
  local w target t0
  w=$(waiting)
  target=$(( $(rand $(( (w + 999) / 1000 ))) * 1000 ))
  "$WIJKSTEM" sync --data "$kiosk" > "$1" 2>&1 &
  sync_pid=$!
  t0=$(ms_now)
  while kill -0 "$sync_pid" 2> /dev/null && (( w - $(waiting) < target )); do
    (( $(ms_now) - t0 < 30000 )) || break
    sleep 0.002
  done
  sleep_ms "$(rand $((batch_ms + 1)))"
  acked_before=$(( w - $(waiting) ))
  running=0
  kill -0 "$sync_pid" 2> /dev/null && running=1
  return 0
}

# --- Set-up: a store on a free loopback port, an enrolled kiosk, 5,000 answers.
start_store_anywhere "$store_db"
code=$("$STORE" enroll-code --db "$store_db" --wijk Oosterpark)
"$WIJKSTEM" enroll "$url" "$code" --data "$kiosk" > /dev/null || fail "the kiosk could not enrol"
add_visits 1250
[ "$(waiting)" = 5000 ] || fail "the kiosk should have 5000 answers waiting, has $(waiting)"

# Calibration: one undisturbed sync of the 5,000 answers (5 batches) gives a batch's time here.
t0=$(ms_now)
"$WIJKSTEM" sync --data "$kiosk" > "$tmp/calibrate.out" 2>&1 || fail "the first sync failed: $(cat "$tmp/calibrate.out")"
sync_ms=$(( $(ms_now) - t0 ))
grep -q "5000 stored, 0 already stored" "$tmp/calibrate.out" || fail "first sync: $(cat "$tmp/calibrate.out")"
batch_ms=$(( sync_ms / 5 ))
echo "calibration: 5000 answers synced in ${sync_ms} ms (~${batch_ms} ms a batch; store on $backend); seed $SEED"

# --- 1. The kiosk is killed mid-sync, until KIOSK_KILLS kills have landed while it ran (bounded).
kiosk_kills=0 kiosk_waiting=0 kiosk_after_batch=0 kiosk_finished=0 kiosk_errors=0 rounds1=0
t_phase=$(ms_now)
while ((kiosk_kills < KIOSK_KILLS)); do
  rounds1=$((rounds1 + 1))
  ((rounds1 <= 3 * KIOSK_KILLS)) || fail "only $kiosk_kills of $KIOSK_KILLS kiosk kills landed mid-sync in $((rounds1 - 1)) rounds"
  add_visits $(( 1 + RANDOM % 3 ))
  (( $(waiting) >= 1000 )) || resend_range
  sync_until "$tmp/k$rounds1.out"
  { kill -KILL "$sync_pid"; wait "$sync_pid"; } 2> /dev/null && rc=0 || rc=$?
  sync_pid=
  case $rc in
    137) kiosk_kills=$((kiosk_kills + 1)) # SIGKILLed while it ran its sync round
         (( $(waiting) > 0 )) && kiosk_waiting=$((kiosk_waiting + 1))
         (( acked_before > 0 )) && kiosk_after_batch=$((kiosk_after_batch + 1)) ;;
    0) kiosk_finished=$((kiosk_finished + 1)) ;;
    *) kiosk_errors=$((kiosk_errors + 1)) # e.g. 429 when rounds come fast; the answers wait
       echo "  round $rounds1: the sync ended before the kill: $(tail -1 "$tmp/k$rounds1.out")" ;;
  esac
  why=$(intact "$journal") || fail "kiosk round $rounds1: $why"
  why=$(acked_at_store) || fail "kiosk round $rounds1: $why"
done
phase1_ms=$(( $(ms_now) - t_phase ))
echo "kiosk kills: $kiosk_kills SIGKILLed mid-sync in $rounds1 rounds ($kiosk_waiting with answers still waiting," \
     "$kiosk_after_batch after at least one acknowledged batch of that round); $kiosk_finished rounds finished" \
     "before the kill, $kiosk_errors ended on an error; ${phase1_ms} ms"

# --- 2. The store is killed mid-sync and restarted on the same port. New answers first,
#        so the first kills land while the store inserts.
add_visits 750
[ "$backend" = SQLite ] || in_tx_before=$(pg_killed_in_tx) || fail "no PostgreSQL server log beside $WIJKSTEM_PG_URL"
store_kills=0 store_mid=0 store_after_batch=0 store_inserting=0 restarts=0 rounds2=0
t_phase=$(ms_now)
while ((store_mid < STORE_KILLS)); do
  rounds2=$((rounds2 + 1))
  ((rounds2 <= 3 * STORE_KILLS)) || fail "only $store_mid of $STORE_KILLS store kills landed mid-sync in $((rounds2 - 1)) rounds"
  add_visits $(( 1 + RANDOM % 3 ))
  (( $(waiting) >= 1000 )) || resend_range
  before=$(q "$store_db" 'SELECT count(*) FROM answers')
  sync_until "$tmp/s$rounds2.out"
  kill -KILL "$store_pid" 2> /dev/null || fail "store round $rounds2: the store was not running"
  wait "$store_pid" 2> /dev/null || true
  store_pid=
  store_kills=$((store_kills + 1))
  (( running )) && store_mid=$((store_mid + 1))
  (( acked_before > 0 )) && store_after_batch=$((store_after_batch + 1))
  wait_sync # the kiosk sees a cut connection or a refused one, and ends the round
  if ((rc == 0)) && ((running)); then
    # Possible only if the kill came after the last reply: the round then ended cleanly.
    grep -q "still waiting" "$tmp/s$rounds2.out" || fail "store round $rounds2: sync said: $(cat "$tmp/s$rounds2.out")"
  fi
  why=$(store_whole) || fail "store round $rounds2: $why"
  why=$(intact "$journal") || fail "store round $rounds2 (kiosk journal): $why"
  why=$(acked_at_store) || fail "store round $rounds2: $why"
  (( $(q "$store_db" 'SELECT count(*) FROM answers') > before )) && store_inserting=$((store_inserting + 1))
  start_store "$store_db" "$port" || fail "store round $rounds2: the store did not start again on port $port"
  restarts=$((restarts + 1))
done
phase2_ms=$(( $(ms_now) - t_phase ))
in_tx=
[ "$backend" = SQLite ] || in_tx=$(( $(pg_killed_in_tx) - in_tx_before ))
echo "store kills: $store_kills SIGKILLed and restarted, $store_mid of them while the sync ran ($store_after_batch after" \
     "at least one acknowledged batch of that round, $store_inserting in rounds where the store had inserted new" \
     "answers${in_tx:+, $in_tx inside a PostgreSQL transaction (its log)}); ${phase2_ms} ms"

# --- 3. A final sync brings the rest; both sides agree exactly.
"$WIJKSTEM" sync --data "$kiosk" > "$tmp/final.out" 2>&1 || fail "the final sync failed: $(cat "$tmp/final.out")"
json=$("$WIJKSTEM" status --json --data "$kiosk")
[ "$(echo "$json" | tr -d '\n' | sed -n 's/.*"waiting": *\([0-9]*\).*/\1/p')" = 0 ] || fail "answers still waiting: $json"
kill "$store_pid"; wait "$store_pid" 2> /dev/null || true; store_pid=
why=$(intact "$journal") || fail "at the end: $why"
why=$(store_whole) || fail "at the end: $why"
why=$(acked_at_store) || fail "at the end: $why"
total=$(q "$journal" 'SELECT count(*) FROM answers')
# Both sides' answers as sorted rows and sorted ids (an id is not always sorted the same as
# the row it starts), then: every kiosk answer at the store, nothing else there, each once,
# each the same, no conflict, nothing unacknowledged.
cols='id, seq, question_id, value'
why=$(rows "$journal" "SELECT $cols FROM answers" "$tmp/kiosk.rows") || fail "at the end: $why"
why=$(rows "$store_db" "SELECT $cols FROM answers" "$tmp/store.rows") || fail "at the end: $why"
cut -d'|' -f1 "$tmp/kiosk.rows" | LC_ALL=C sort > "$tmp/kiosk.ids"
cut -d'|' -f1 "$tmp/store.rows" | LC_ALL=C sort > "$tmp/store.ids"
LC_ALL=C sort -u "$tmp/store.ids" > "$tmp/store.uids"
n=$(LC_ALL=C comm -23 "$tmp/kiosk.ids" "$tmp/store.uids" | wc -l)
problems=
((n == 0)) || problems+="$n kiosk answer(s) not at the store; "
n=$(LC_ALL=C comm -13 "$tmp/kiosk.ids" "$tmp/store.uids" | wc -l)
((n == 0)) || problems+="$n store answer(s) the kiosk does not have; "
store_rows=$(wc -l < "$tmp/store.rows") store_distinct=$(wc -l < "$tmp/store.uids") kiosk_rows=$(wc -l < "$tmp/kiosk.rows")
((store_rows == store_distinct && store_rows == kiosk_rows)) \
  || problems+="store: $store_rows rows, $store_distinct distinct ids, kiosk: $kiosk_rows; "
n=$(LC_ALL=C comm -23 "$tmp/kiosk.rows" "$tmp/store.rows" | cut -d'|' -f1 | LC_ALL=C sort | LC_ALL=C comm -12 - "$tmp/store.uids" | wc -l)
((n == 0)) || problems+="$n answer(s) differ between kiosk and store; "
n=$(q "$store_db" 'SELECT count(*) FROM conflicts') || fail "cannot count the store's conflicts"
((n == 0)) || problems+="$n conflict(s) at the store; "
n=$(q "$journal" 'SELECT count(*) FROM answers WHERE synced_at IS NULL') || fail "cannot count the kiosk's waiting answers"
((n == 0)) || problems+="$n answer(s) not acknowledged on the kiosk; "
[ -z "$problems" ] || fail "kiosk and store disagree: $problems"
"$STORE" devices --db "$store_db" > "$tmp/devices.out"
grep -q "Oosterpark  *$total  *$total  *0  *enrolled" "$tmp/devices.out" || fail "devices: $(cat "$tmp/devices.out")"

echo "summary: $kiosk_kills kiosk kills (all mid-sync, $kiosk_waiting with answers waiting), $store_kills store kills ($store_mid mid-sync)," \
     "$restarts store restarts; $total answers, each at the store exactly once; final sync: $(head -1 "$tmp/final.out"); seed $SEED"
# The test only means something if the kills land mid-sync.
# The kiosk was killed mid-round KIOSK_KILLS times; most of those kills must have come with answers still to send.
((kiosk_waiting * 2 >= KIOSK_KILLS)) || fail "only $kiosk_waiting of $KIOSK_KILLS kiosk kills came while answers were still waiting"
# On PostgreSQL several store kills must have come inside a batch's transaction (measured:
# 27 of 57, 5 of 21, 4 of 13); asking for only 3 keeps a bad draw from failing the test.
[ -z "$in_tx" ] || ((in_tx >= 3 || in_tx * 10 >= STORE_KILLS)) \
  || fail "only $in_tx of $store_kills store kills came inside a PostgreSQL transaction"
echo "ok: $KIOSK_KILLS kiosk and $STORE_KILLS store kill -9s mid-sync (store on $backend); nothing lost, nothing twice, both databases intact"
