#!/usr/bin/env bash
# Issue 14, items 2 and 3 on the real binaries: the campfire as a conversation, and stap 3.
# Meeting 1 answers a top 3 (each person three dots), a multiple-choice question (a tap per
# option chosen) and a budget (the group divides 10 coins, the remainder in view) as a
# group, notes what was said, makes two agreements; the summary, the CSV, the sync and the
# store's report show it all. Meeting 2 opens with "Afspraken van vorige keer", sets the
# first agreement to bezig with a note; the gebiedsteam sets the second to lukt-niet at the
# store (wijkstem-store agreement); one sync, and both sides hold both changes with their
# time and source. Meeting 3 changes the second again, later: the later change wins, and
# all three stay in the history. Bad input from outside is refused and changes nothing.
# Usage: e2e_campfire_stap3.sh WIJKSTEM SOURCE_DIR PNG_CHECK  (wijkstem-store next to WIJKSTEM)
set -euo pipefail
WIJKSTEM=$1 SRC=$2
STORE=$(dirname "$WIJKSTEM")/wijkstem-store
tmp=$(mktemp -d)
store_pid=
cleanup() { [ -z "$store_pid" ] || kill "$store_pid" 2> /dev/null || true; wait 2> /dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh" # fail, start_store_anywhere, enrol_kiosk
command -v sqlite3 > /dev/null || fail "the sqlite3 command-line tool is missing (tools/install-deps.sh installs it)"
data=$tmp/data
db=$data/journal.sqlite
k() { sqlite3 -batch "$db" "$1"; }
s() { sqlite3 -batch "$tmp/store.db" "$1"; }
mkdir -p "$tmp/usb"

start_store_anywhere "$tmp/store.db"
enrol_kiosk "$tmp/store.db" Oosterpark "$data"
echo 4711 | "$WIJKSTEM" set-pin --data "$data" > /dev/null || fail "set-pin"
device=$(k "SELECT id FROM device")

# The admin screen, "Kampvuur starten", a named meeting of 3 people (the wijk from the enrolment).
open_meeting() {
  printf 'hold admin-corner 3\ntap pin-4\ntap pin-7\ntap pin-1\ntap pin-1\ntap pin-ok\ntap admin-campfire\n'
  printf 'tap campfire-name\ntype %s\ntap key-done\n' "$1"
  printf 'tap campfire-present-min\n%.0s' $(seq 7)
  printf 'expect-text 3 mensen\ntap campfire-setup-next\nwait 1\n'
}
run() { # run NAME: the script $tmp/NAME.script, headless, no background sync
  "$WIJKSTEM" --headless --no-sync --data "$data" --export-dir "$tmp/usb" --script "$tmp/$1.script" --trace \
    > "$tmp/$1.out" 2> "$tmp/$1.err" || fail "script $1: $(tail -5 "$tmp/$1.err")"
}

# --- 1. Meeting 1: a top 3, a multiple choice and a budget as a group, with notes ---------
{
  open_meeting "Buurtavond een"
  cat <<'S'
expect-screen campfire-pick
tap wijk-nodig
expect-text Iedereen zet drie stippen
# three people, three dots each (one tap one dot; "Stem geteld" in between)
tap nodig-top3.groen
wait 2
tap nodig-top3.schoon
wait 2
tap nodig-top3.spelen
wait 2
tap nodig-top3.groen
wait 2
tap nodig-top3.schoon
wait 2
tap nodig-top3.ouderen
wait 2
tap nodig-top3.groen
wait 2
tap nodig-top3.verkeer
wait 2
tap nodig-top3.schoon
wait 2
expect-text Stemmen geteld: 9 (aanwezig: 3)
tap campfire-note
expect-text Schrijf op wat er gezegd is
type Voor: meer groen en schoon. Tegen: het kost geld. Een paar jongeren willen een trapveld.
tap key-done
expect-text Notitie: Voor: meer groen en schoon.
tap campfire-reveal
expect-text Meer groen: 33% (3)
tap campfire-back
tap veiligheid
tap campfire-next
# at night: unsafe, so the next question (where?) is shown
tap veilig-avond.2
wait 2
tap veilig-avond.2
wait 2
tap campfire-next
expect-text Meer antwoorden mag
# multiple choice: each taps every option chosen
tap onveilig-plek.park
wait 2
tap onveilig-plek.bushalte
wait 2
tap onveilig-plek.park
wait 2
tap onveilig-plek.park
wait 2
tap campfire-mode-hands
tap onveilig-plek.fietspad.plus
tap campfire-note
type Het park is donker. Een minderheid vindt het juist veilig.
tap key-done
tap campfire-back
tap wijkbudget
expect-text Nog te verdelen: 10 van 10 munten
tap idee-munten.bankjes.plus
tap idee-munten.bankjes.plus
tap idee-munten.bankjes.plus
tap idee-munten.bankjes.plus
tap idee-munten.speeltuin.plus
tap idee-munten.speeltuin.plus
tap idee-munten.speeltuin.plus
tap idee-munten.speeltuin.plus
tap idee-munten.speeltuin.plus
tap idee-munten.moestuin.plus
expect-text Nog te verdelen: 0 van 10 munten
# the whole budget is divided: one more is not taken; a minus gives one back
tap idee-munten.buurtfeest.plus
tap idee-munten.moestuin.plus
expect-text Nog te verdelen: 0 van 10 munten
tap idee-munten.moestuin.min
expect-text Nog te verdelen: 1 van 10 munten
tap idee-munten.moestuin.plus
tap campfire-note
type Bankjes voor ouderen. Anderen willen liever een speeltuin.
tap key-done
tap campfire-back
tap campfire-agreements
tap agreement-new
tap agreement-what
type Meer bankjes in het park
tap key-done
tap who-gemeente
tap agreement-save
tap agreement-new
tap agreement-what
type Een buurtfeest in juni
tap key-done
tap who-wijk
tap agreement-save
tap campfire-back
tap campfire-summary
# the last page: what was said
tap summary-next
tap summary-next
tap summary-next
tap summary-next
expect-text Wat er gezegd is:
expect-text Het park is donker
expect-text Bankjes voor ouderen
tap campfire-export
tap export-1
tap campfire-end
expect-screen admin
S
} > "$tmp/m1.script"
run m1
[ "$(k "SELECT group_concat(question_id || '=' || value || ':' || count || ':' || method, ' ') FROM (SELECT * FROM group_results ORDER BY question_id, value)")" \
  = "idee-munten=bankjes:4:hands idee-munten=moestuin:1:hands idee-munten=speeltuin:5:hands nodig-top3=groen:3:taps nodig-top3=ouderen:1:taps nodig-top3=schoon:3:taps nodig-top3=spelen:1:taps nodig-top3=verkeer:1:taps onveilig-plek=bushalte:1:taps onveilig-plek=fietspad:1:hands onveilig-plek=park:3:taps veilig-avond=2:2:taps" ] \
  || fail "meeting 1's counts: $(k 'SELECT * FROM group_results')"
[ "$(k "SELECT count(*) FROM group_notes WHERE note != ''")" = 3 ] || fail "three notes expected: $(k 'SELECT * FROM group_notes')"
echo "ok: meeting 1 answered a top 3 (9 dots), a multiple choice and a budget (10 of 10 coins) as a group, with 3 notes"

csv=$(ls "$tmp"/usb/kampvuur-*-buurtavond-een.csv)
grep -qx "nodig-top3,Wat heeft uw wijk het meest nodig? Kies er 3.,groen,Groen,3,taps" "$csv" \
  || grep -q "^nodig-top3,.*,groen,.*,3,taps$" "$csv" || fail "CSV: the top 3 dots: $(grep nodig-top3 "$csv")"
grep -q "^idee-munten,.*,speeltuin,.*,5,hands$" "$csv" || fail "CSV: the budget: $(grep idee-munten "$csv")"
grep -q "^onveilig-plek,.*,park,.*,3,taps$" "$csv" || fail "CSV: the multiple choice: $(grep onveilig "$csv")"
grep -qx "note_question_id,question,note" "$csv" || fail "CSV: no notes part: $(cat "$csv")"
grep -q "^onveilig-plek,.*,Het park is donker. Een minderheid vindt het juist veilig.$" "$csv" || fail "CSV: the note"
grep -q "^nodig-top3,.*,\"Voor: meer groen en schoon. Tegen: het kost geld. Een paar jongeren willen een trapveld.\"$" "$csv" \
  || grep -q "^nodig-top3,.*,Voor: meer groen en schoon. Tegen: het kost geld" "$csv" || fail "CSV: the top 3 note: $(cat "$csv")"
echo "ok: the CSV holds the dots, the budget, the multiple choice and the notes"

"$WIJKSTEM" sync --data "$data" > "$tmp/sync1.out" 2>&1 || fail "sync 1: $(cat "$tmp/sync1.out")"
grep -q "0 refused; 0 still waiting" "$tmp/sync1.out" || fail "sync 1: $(cat "$tmp/sync1.out")"
[ "$(s "SELECT count(*) FROM group_notes")" = 3 ] || fail "the store has not the 3 notes"
[ "$(s "SELECT count || method FROM group_results WHERE question_id = 'idee-munten' AND value = 'speeltuin'")" = 5hands ] \
  || fail "the store's budget result"
a_id=$(s "SELECT id FROM agreements WHERE what = 'Meer bankjes in het park'")
b_id=$(s "SELECT id FROM agreements WHERE what = 'Een buurtfeest in juni'")
[ -n "$a_id" ] && [ -n "$b_id" ] || fail "the store has not the two agreements"
"$STORE" report --db "$tmp/store.db" --wijk Oosterpark --out "$tmp/report" > /dev/null 2>&1 || fail "report"
grep -rq "Het park is donker" "$tmp/report" || fail "the report does not show the notes"
grep -rq "Bankjes voor ouderen" "$tmp/report" || fail "the report does not show the budget's note"
echo "ok: the sync took the notes and group results; the store's report shows the notes"

# --- 2. Meeting 2 opens with the agreements from before; the first becomes bezig -------------
{
  open_meeting "Buurtavond twee"
  cat <<'S'
expect-screen campfire-previous
expect-text Afspraken van vorige keer
expect-text Meer bankjes in het park
expect-text Een buurtfeest in juni
tap previous-1
tap previous-status-bezig
tap previous-note
type Offerte gevraagd bij de gemeente
tap key-done
tap previous-save
expect-text Bewaard.
expect-text Bezig: Offerte gevraagd bij de gemeente
tap previous-done
expect-screen campfire-pick
tap campfire-summary
tap campfire-end
expect-screen admin
S
} > "$tmp/m2.script"
run m2
[ "$(k "SELECT agreement_id || '|' || status || '|' || note || '|' || source FROM agreement_changes")" \
  = "$a_id|bezig|Offerte gevraagd bij de gemeente|$device" ] || fail "the kiosk's change: $(k 'SELECT * FROM agreement_changes')"
echo "ok: meeting 2 opened with meeting 1's agreements and set the first to bezig, with a note"

# --- 3. The gebiedsteam changes the second at the store; bad changes are refused ----------
! "$STORE" agreement --db "$tmp/store.db" "$b_id" --status klaar-ish > "$tmp/bad.out" 2>&1 || fail "a bad status was taken"
grep -q "status must be open, bezig, gedaan or lukt-niet" "$tmp/bad.out" || fail "bad status: $(cat "$tmp/bad.out")"
! "$STORE" agreement --db "$tmp/store.db" 00000000-0000-4000-8000-000000000000 --status gedaan > "$tmp/bad.out" 2>&1 \
  || fail "a change of an unknown agreement was taken"
! "$STORE" agreement --db "$tmp/store.db" "$b_id" --status gedaan --note "$(printf 'a\tb')" > "$tmp/bad.out" 2>&1 \
  || fail "a note with a control character was taken"
[ "$(s "SELECT count(*) FROM agreement_changes")" = 0 ] || fail "a refused change left a row"
"$STORE" agreement --db "$tmp/store.db" "$b_id" --status lukt-niet --note "Geen zaal gevonden" > /dev/null \
  || fail "the gebiedsteam's change"
echo "ok: wijkstem-store agreement refuses a bad status, an unknown id and a control character; takes a good change"

# --- 4. One sync: both sides hold both changes, with their time and source ----------------
sleep 1 # the kiosk's next change is later than the store's
"$WIJKSTEM" sync --data "$data" > "$tmp/sync2.out" 2>&1 || fail "sync 2: $(cat "$tmp/sync2.out")"
"$STORE" agreement list --db "$tmp/store.db" --wijk Oosterpark > "$tmp/list.out" || fail "agreement list"
grep -q "^$a_id  Oosterpark  bezig  Meer bankjes in het park" "$tmp/list.out" || fail "store list A: $(cat "$tmp/list.out")"
grep -q "^$b_id  Oosterpark  lukt-niet  Een buurtfeest in juni" "$tmp/list.out" || fail "store list B: $(cat "$tmp/list.out")"
grep -q "bezig      $device  Offerte gevraagd bij de gemeente" "$tmp/list.out" || fail "store history A: $(cat "$tmp/list.out")"
grep -q "lukt-niet  cli  Geen zaal gevonden" "$tmp/list.out" || fail "store history B: $(cat "$tmp/list.out")"
[ "$(k "SELECT group_concat(agreement_id || '|' || status || '|' || source, ' ') FROM (SELECT * FROM agreement_changes ORDER BY at)")" \
  = "$a_id|bezig|$device $b_id|lukt-niet|cli" ] || fail "the kiosk's history: $(k 'SELECT * FROM agreement_changes')"
[ "$(k "SELECT group_concat(status || ':' || note, ' ') FROM (SELECT * FROM wijk_agreements ORDER BY created_at)")" \
  = "bezig:Offerte gevraagd bij de gemeente lukt-niet:Geen zaal gevonden" ] || fail "the kiosk's wijk agreements: $(k 'SELECT * FROM wijk_agreements')"
[ "$(k "SELECT count(*) FROM agreement_changes WHERE at = '' OR source = ''")" = 0 ] || fail "a change without time or source"
echo "ok: after one sync the store and the kiosk hold both changes (the facilitator's and the gebiedsteam's) with time and source"

# --- 5. Meeting 3: a later change wins; every change stays in the history -----------------
{
  open_meeting "Buurtavond drie"
  cat <<'S'
expect-screen campfire-previous
expect-text Bezig: Offerte gevraagd bij de gemeente
expect-text Lukt niet: Geen zaal gevonden
tap previous-2
tap previous-status-gedaan
tap previous-save
expect-text Gedaan: Geen zaal gevonden
tap previous-done
tap campfire-summary
tap campfire-end
S
} > "$tmp/m3.script"
run m3
"$WIJKSTEM" sync --data "$data" > "$tmp/sync3.out" 2>&1 || fail "sync 3: $(cat "$tmp/sync3.out")"
[ "$(s "SELECT status FROM agreements WHERE id = '$b_id'")" = gedaan ] || fail "the later change did not win at the store"
[ "$(s "SELECT group_concat(status || '|' || source, ' ') FROM (SELECT * FROM agreement_changes WHERE agreement_id = '$b_id' ORDER BY at)")" \
  = "lukt-niet|cli gedaan|$device" ] || fail "the store's history of B: $(s "SELECT * FROM agreement_changes")"
[ "$(k "SELECT status FROM wijk_agreements WHERE id = '$b_id'")" = gedaan ] || fail "the kiosk's view of B after sync 3"
echo "ok: a later change wins (gedaan after lukt-niet), at the store and on the kiosk; both stay in the history"

# --- 6. The report shows the agreements with their status and history -------------------
"$STORE" report --db "$tmp/store.db" --wijk Oosterpark --out "$tmp/report2" > /dev/null 2>&1 || fail "report 2"
grep -rq "Geen zaal gevonden\|gedaan" "$tmp/report2" || fail "the report does not show the agreements' status"
echo "ok: the report shows the agreements with their status"
