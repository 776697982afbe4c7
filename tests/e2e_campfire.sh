#!/usr/bin/env bash
# A whole campfire meeting (kampvuurbijeenkomst) on the real binary, under Xvfb: walk-in
# visits first; then the facilitator's long press and PIN, "Kampvuur starten", the set-up
# (the wijk comes from the enrolment), tap votes (a tap during "Stem geteld" is not a
# vote), hand counts with + and - (never below 0), the reveal, three agreements, the
# summary exported to a folder as PNG and CSV, the end of the session. Then: the journal's
# group tables and agreements hold exactly that; the walk-in answers are unchanged, and so
# is what a resident sees as "zo antwoordde de wijk"; the PNG shows the charts (png_check)
# and the CSV has the counts and agreements; one sync brings it all to a store on loopback,
# into its group tables, and a second sync sends nothing twice.
# Usage: e2e_campfire.sh WIJKSTEM SOURCE_DIR PNG_CHECK  (wijkstem-store sits next to WIJKSTEM)
set -euo pipefail
WIJKSTEM=$1 SRC=$2 PNG_CHECK=$3
STORE=$(dirname "$WIJKSTEM")/wijkstem-store
tmp=$(mktemp -d)
store_pid=
cleanup() { [ -z "$store_pid" ] || kill "$store_pid" 2> /dev/null || true; wait 2> /dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh" # fail, json_field, q, start_store, enrol_kiosk
command -v sqlite3 > /dev/null || fail "the sqlite3 command-line tool is missing (tools/install-deps.sh installs it)"
command -v xvfb-run > /dev/null || fail "xvfb-run is missing (make test installs the Debian package xvfb)"
data=$tmp/data
db=$data/journal.sqlite
q() { sqlite3 -batch "$db" "$1"; }
qs() { sqlite3 -batch "$tmp/store.db" "$1"; }
export_dir=$tmp/usb
mkdir -p "$export_dir"

# --- 0. A store on loopback; the kiosk enrolled in Oosterpark; a PIN ----------------------
start_store_anywhere "$tmp/store.db"
enrol_kiosk "$tmp/store.db" Oosterpark "$data"
echo 4711 | "$WIJKSTEM" set-pin --data "$data" > /dev/null || fail "set-pin"

# --- 1. Walk-in residents: five say "Goed" (4) about living in the wijk ------------------
# 31 s apart: the same answers within 30 s would be a flagged repeat, kept but not counted.
visit='tap start
tap prettig-wonen.4
tap weet-wie-beslist.ja
tap stop
tap done
wait 31
'
for i in 1 2 3 4 5; do printf '%s' "$visit"; done > "$tmp/walkin.script"
"$WIJKSTEM" --headless --no-sync --data "$data" --script "$tmp/walkin.script" > /dev/null 2> "$tmp/walkin.err" \
  || fail "walk-in visits: $(cat "$tmp/walkin.err")"
walkin() { q "SELECT count(*) || ':' || group_concat(seq || '/' || id || '/' || question_id || '=' || value, ' ') FROM (SELECT * FROM answers ORDER BY seq)"; }
before=$(walkin)
sessions_before=$(q "SELECT count(*) FROM sessions")
[ "$(q "SELECT count(*) FROM answers")" = 10 ] || fail "the walk-in visits should have stored 10 answers: $before"

# --- 2. The campfire meeting, under Xvfb ---------------------------------------------------
today=$(date +%F)
due=$(date -d "$today +14 days" +%F)
cat > "$tmp/campfire.script" <<S
hold admin-corner 3
expect-screen pin
tap pin-4
tap pin-7
tap pin-1
tap pin-1
tap pin-ok
expect-screen admin
tap admin-campfire
expect-screen campfire-setup
# the wijk from the enrolment, the date from the clock
expect-text Oosterpark
expect-text $(date -d "$today" +%d-%m-%Y)
tap campfire-setup-next
expect-text Typ eerst een naam voor de bijeenkomst.
tap campfire-name
type Buurtavond De Linde
tap key-done
tap campfire-date-plus
tap campfire-date-min
tap campfire-present-min
tap campfire-present-min
expect-text 8 mensen
tap campfire-setup-next
expect-screen campfire-pick
tap snelle-peiling
expect-screen campfire-question
expect-text Hoe prettig woont u
# Tap votes: each tap one vote, then "Stem geteld"; a tap meanwhile is not a vote.
tap prettig-wonen.2
expect-text Stem geteld
tap prettig-wonen.2
wait 2
expect-text Stemmen geteld: 1 (aanwezig: 8)
tap prettig-wonen.2
wait 2
tap prettig-wonen.3
wait 2
expect-text Stemmen geteld: 3 (aanwezig: 8)
screenshot $tmp/question.png
# Hands: + and - per option, never below 0.
tap campfire-mode-hands
tap prettig-wonen.4.plus
tap prettig-wonen.4.plus
tap prettig-wonen.4.plus
tap prettig-wonen.3.min
tap prettig-wonen.1.min
expect-text Stemmen geteld: 5 (aanwezig: 8)
tap campfire-reveal
expect-text Slecht: 40% (2)
expect-text Goed: 60% (3)
expect-text Heel slecht: 0% (0)
tap campfire-next
expect-text Weet u wie in uw wijk beslist
tap campfire-mode-taps
tap weet-wie-beslist.ja
wait 2
tap weet-wie-beslist.ja
wait 2
tap weet-wie-beslist.nee
wait 2
tap campfire-next
tap campfire-next
tap campfire-next
expect-screen campfire-pick
# Who decides: the group wants the wijk to decide (verdelen & besluiten).
tap rolverdeling
tap hoeveel-zeggenschap.besluiten
wait 2
tap hoeveel-zeggenschap.besluiten
wait 2
tap campfire-next
expect-text Groen en bomen
tap wie-beslist.groen.wijk
wait 2
tap campfire-back
tap ieders-stem
tap stem-iedereen.nee
wait 2
tap campfire-back
# Three agreements.
tap campfire-agreements
expect-screen campfire-agreements
tap agreement-new
tap agreement-save
expect-text Typ eerst wat er gaat gebeuren.
tap agreement-what
type Een wijkpanel samenstellen
tap key-done
tap who-group
type wijkpanel
tap key-done
tap due-plus
tap due-plus
tap answers-stem-iedereen
tap agreement-save
tap agreement-new
tap agreement-what
type De begroting op de website
tap key-done
tap who-gemeente
tap answers-zeggenschap
tap status-bezig
tap agreement-save
tap agreement-new
tap agreement-what
type Elk kwartaal samen terugkijken
tap key-done
tap who-samen
tap agreement-save
expect-text 3. Elk kwartaal samen terugkijken
tap campfire-back
# The summary, exported to the folder given with --export-dir.
tap campfire-summary
expect-screen campfire-summary
expect-text De wijk beslist en verdeelt
expect-text Kan iedereen in de wijk meepraten
tap campfire-export
tap export-1
expect-text Opgeslagen in $export_dir
tap campfire-end
expect-screen admin
tap admin-back
expect-screen attract
S
xvfb-run -a -n $(( 200 + RANDOM % 700 )) -s "-screen 0 1920x1080x24" "$WIJKSTEM" --windowed 1920x1080 --no-sync \
  --data "$data" --export-dir "$export_dir" --script "$tmp/campfire.script" --trace > "$tmp/campfire.out" 2> "$tmp/campfire.err" \
  || fail "the campfire script: $(cat "$tmp/campfire.err")"
echo "ok: a whole campfire meeting on the real binary under Xvfb"

# --- 3. The journal: the session, its results, the agreements; walk-in answers untouched ---
[ "$(q "SELECT count(*) FROM group_sessions")" = 1 ] || fail "one group session expected"
[ "$(q "SELECT name || '|' || wijk || '|' || held_on || '|' || present || '|' || (ended_at IS NOT NULL) FROM group_sessions")" \
  = "Buurtavond De Linde|Oosterpark|$today|8|1" ] || fail "the session: $(q 'SELECT * FROM group_sessions')"
results=$(q "SELECT question_id || '=' || value || ':' || count || ':' || method FROM group_results ORDER BY question_id, value" | tr '\n' ' ')
expected="hoeveel-zeggenschap=besluiten:2:taps prettig-wonen=2:2:taps prettig-wonen=3:0:hands prettig-wonen=4:3:hands stem-iedereen=nee:1:taps weet-wie-beslist=ja:2:taps weet-wie-beslist=nee:1:taps wie-beslist.groen=wijk:1:taps "
[ "$results" = "$expected" ] || fail "the group results:
  got:      $results
  expected: $expected"
[ "$(q "SELECT count(*) FROM agreements")" = 3 ] || fail "three agreements expected"
[ "$(q "SELECT what || '|' || who || '|' || coalesce(due, '') || '|' || coalesce(answers, '') || '|' || status FROM agreements ORDER BY created_at, what" | tr '\n' ';')" \
  = "Een wijkpanel samenstellen|wijkpanel|$due|stem-iedereen|open;De begroting op de website|gemeente||zeggenschap|bezig;Elk kwartaal samen terugkijken|samen|||open;" ] \
  || fail "the agreements: $(q 'SELECT what, who, due, answers, status FROM agreements')"
[ "$(q "SELECT count(DISTINCT group_session_id) FROM agreements WHERE group_session_id = (SELECT id FROM group_sessions)")" = 1 ] \
  || fail "the agreements do not name the session"
[ "$(walkin)" = "$before" ] || fail "the walk-in answers changed:
  before: $before
  after:  $(walkin)"
[ "$(q "SELECT count(*) FROM sessions")" = "$sessions_before" ] || fail "the walk-in visits changed"
echo "ok: the journal holds the session, 8 group results (taps and hands), 3 agreements; the 10 walk-in answers are untouched"

# --- 4. The exported files: a PNG with the charts, a CSV with counts and agreements --------
base=$export_dir/kampvuur-$today-buurtavond-de-linde
[ -f "$base.csv" ] || fail "no CSV in $export_dir: $(ls -a "$export_dir")"
[ -f "$base.png" ] || fail "no PNG in $export_dir: $(ls -a "$export_dir")"
"$PNG_CHECK" "$base.png" 1920 1080 > /dev/null || fail "the summary PNG looks blank"
for f in "$export_dir"/kampvuur-*.png; do "$PNG_CHECK" "$f" 1920 1080 > /dev/null || fail "$f looks blank"; done
! ls -a "$export_dir" | grep -q '\.tmp' || fail "a temporary file was left: $(ls -a "$export_dir")"
grep -q "^Buurtavond De Linde,Oosterpark,$today,8,gronings-model," "$base.csv" || fail "CSV session: $(head -3 "$base.csv")"
grep -qx "prettig-wonen,Hoe prettig woont u in uw wijk?,4,Goed,3,hands" "$base.csv" \
  || fail "CSV counts: $(grep prettig-wonen "$base.csv")"
grep -qx "prettig-wonen,Hoe prettig woont u in uw wijk?,2,Slecht,2,taps" "$base.csv" || fail "CSV taps"
grep -qx "archetype,verdelen,De wijk beslist en verdeelt" "$base.csv" || fail "CSV outcome: $(cat "$base.csv")"
grep -q "^witte_vlek,stem-iedereen," "$base.csv" || fail "CSV witte vlek: $(cat "$base.csv")"
grep -q ",Een wijkpanel samenstellen,wijkpanel,$due,stem-iedereen,open$" "$base.csv" || fail "CSV agreement: $(cat "$base.csv")"
[ "$(grep -c ',\(open\|bezig\|klaar\)$' "$base.csv")" = 3 ] || fail "CSV: three agreements expected"
grep -q "^export $base.png" "$tmp/campfire.out" || fail "the trace does not name the PNG"
echo "ok: $(ls "$export_dir" | wc -l) files on the 'stick': the PNG(s) not blank, the CSV with the counts, outcome and agreements"

# --- 5. A USB stick first (no network at the meeting), then the network: each item once ----
mkdir -p "$tmp/stick"
"$WIJKSTEM" export --out "$tmp/stick" --data "$data" > "$tmp/export.out" || fail "export: $(cat "$tmp/export.out")"
grep -q "exported 10 answer(s), seq 1 to 10 and 12 campfire item(s)" "$tmp/export.out" || fail "export: $(cat "$tmp/export.out")"
"$STORE" import --db "$tmp/store.db" "$tmp"/stick/wijkstem-*.json > "$tmp/import.out" || fail "import: $(cat "$tmp/import.out")"
grep -q "import: 12 campfire item(s) from kiosk .*: 12 stored, 0 already stored, 0 conflict(s), 0 invalid" "$tmp/import.out" \
  || fail "import: $(cat "$tmp/import.out")"
[ "$(qs "SELECT count(*) FROM group_results")" = 8 ] || fail "the import did not store the 8 results"
echo "ok: wijkstem export carried the campfire data; wijkstem-store import stored them"

# --- 6. Sync: everything to the store's group tables, once ---------------------------------
"$WIJKSTEM" sync --data "$data" > "$tmp/sync.out" 2>&1 || fail "sync: $(cat "$tmp/sync.out")"
grep -q "campfire data: 12 item(s) taken by the store, 0 refused; 0 still waiting" "$tmp/sync.out" || fail "sync: $(cat "$tmp/sync.out")"
device=$(q "SELECT id FROM device")
[ "$(qs "SELECT device_id || '|' || name || '|' || wijk || '|' || held_on || '|' || present || '|' || (ended_at IS NOT NULL) FROM group_sessions")" \
  = "$device|Buurtavond De Linde|Oosterpark|$today|8|1" ] || fail "store session: $(qs 'SELECT * FROM group_sessions')"
store_results=$(qs "SELECT question_id || '=' || value || ':' || count || ':' || method FROM group_results ORDER BY question_id, value" | tr '\n' ' ')
[ "$store_results" = "$expected" ] || fail "store results: $store_results"
[ "$(qs "SELECT count(*) FROM agreements WHERE device_id = '$device' AND wijk = 'Oosterpark'")" = 3 ] || fail "store agreements"
[ "$(qs "SELECT status FROM agreements WHERE what = 'De begroting op de website'")" = bezig ] || fail "store agreement status"
[ "$(qs "SELECT count(*) FROM answers")" = 10 ] || fail "the store should hold only the 10 walk-in answers: $(qs 'SELECT count(*) FROM answers')"
[ "$("$WIJKSTEM" status --json --data "$data" | json_field campfire_waiting)" = 0 ] || fail "campfire data still waiting"
"$WIJKSTEM" sync --data "$data" > "$tmp/sync2.out" 2>&1 || fail "second sync: $(cat "$tmp/sync2.out")"
! grep -q "campfire data" "$tmp/sync2.out" || fail "the second sync sent campfire data again: $(cat "$tmp/sync2.out")"
[ "$(qs "SELECT count(*) FROM group_results")" = 8 ] || fail "results twice at the store"
echo "ok: the network sync after the stick: the session, 8 results and 3 agreements acknowledged, nothing waits, nothing twice"

# --- 7. What a resident sees is the walk-in residents' own: 5 + this one said "Goed" -------
printf 'tap start\ntap prettig-wonen.4\ntap stop\nexpect-screen thanks\ntap results\nexpect-screen results\nexpect-text Goed: 100%% (6)\n' \
  > "$tmp/results.script"
"$WIJKSTEM" --headless --no-sync --data "$data" --script "$tmp/results.script" > /dev/null 2> "$tmp/results.err" \
  || fail "the walk-in results include group votes: $(cat "$tmp/results.err")"
echo "ok: the results screen shows the walk-in answers only (Goed: 100% (6)), no group vote among them"
