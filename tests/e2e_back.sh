#!/usr/bin/env bash
# "Terug" on the real stack (issue 15): five visits each go back from the second question
# and change the first answer, finish, and sync. The old answers stay everywhere, marked
# superseded, and are counted nowhere: not in the kiosk's results, not in the wijk's
# figures the store sends down, not in the report.
# Usage: e2e_back.sh WIJKSTEM SOURCE_DIR PNG_CHECK  (wijkstem-store sits next to WIJKSTEM)
set -euo pipefail
WIJKSTEM=$1
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh" # $tmp, $STORE; fail, q, start_store_anywhere, ...
trap e2e_cleanup EXIT

start_store_anywhere "$tmp/store.db"
code=$("$STORE" enroll-code --db "$tmp/store.db" --wijk Oosterpark)
"$WIJKSTEM" enroll "$url" "$code" --data "$tmp/k" > /dev/null || fail "the kiosk could not enrol"

# Each visit answers 4 (prettig), sees the second question, goes back, sees its 4 chosen,
# and answers 2 instead. Another wijkbudget choice each time, so no visit repeats the one
# before (anti-stuffing would flag it, and flagged answers are not counted either).
for budget in groen spelen veiligheid ontmoeten activiteiten; do
  printf 'tap start\ntap prettig-wonen.4\nexpect-screen question\ntap back\nexpect-screen question\n'
  printf 'tap prettig-wonen.2\ntap weet-wie-beslist.ja\ntap wijkbudget-naar.%s\ntap meer-zeggenschap.nee\n' "$budget"
  printf 'tap done\nwait 5\n'
done > "$tmp/visits.script"
"$WIJKSTEM" --headless --data "$tmp/k" --script "$tmp/visits.script" > "$tmp/kiosk.out" 2>&1 \
  || fail "the visits failed: $(tail -5 "$tmp/kiosk.out")"

j="$tmp/k/journal.sqlite"
[ "$(q "$j" "SELECT count(*) FROM answers")" = 25 ] || fail "the journal should keep all 25 answers (5 replaced)"
[ "$(q "$j" "SELECT count(*) FROM answers WHERE superseded = 1 AND question_id = 'prettig-wonen' AND value = '4'")" = 5 ] \
  || fail "the five first answers should be superseded: $(q "$j" "SELECT question_id, value, superseded FROM answers")"
[ "$(q "$j" "SELECT count(*) FROM answers n JOIN answers o ON o.id = n.replaces
             WHERE n.value = '2' AND o.value = '4' AND o.session_id = n.session_id")" = 5 ] \
  || fail "each new answer should name the one it replaces, of its own visit"

"$WIJKSTEM" sync --data "$tmp/k" > "$tmp/sync.out" || fail "sync: $(cat "$tmp/sync.out")"
"$STORE" export --db "$tmp/store.db" --csv > "$tmp/export.csv"
head -1 "$tmp/export.csv" | grep -q ',flagged,superseded$' || fail "the CSV's last column should be superseded"
old=$(awk -F, '$8 == "prettig-wonen" && $9 == "4" {print $13 $14}' "$tmp/export.csv" | sort | uniq -c | tr -s ' ')
new=$(awk -F, '$8 == "prettig-wonen" && $9 == "2" {print $13 $14}' "$tmp/export.csv" | sort | uniq -c | tr -s ' ')
[ "$old" = " 5 01" ] || fail "the store's CSV should mark the five old answers superseded (flagged 0), has: $old"
[ "$new" = " 5 00" ] || fail "the five new answers should count (not superseded), has: $new"
echo "ok: the journal and the store's CSV keep the old answers, marked superseded"

# Counted nowhere: the wijk's figures the kiosk got back with the sync, and the report.
[ "$(q "$j" "SELECT coalesce(sum(count), 0) FROM wijk_results WHERE question_id = 'prettig-wonen' AND value = '4'")" = 0 ] \
  || fail "the store sent down the superseded 4s: $(q "$j" "SELECT * FROM wijk_results WHERE question_id = 'prettig-wonen'")"
[ "$(q "$j" "SELECT count FROM wijk_results WHERE question_id = 'prettig-wonen' AND value = '2'")" = 5 ] \
  || fail "the wijk's figures should count the five 2s"
"$STORE" report --db "$tmp/store.db" --wijk Oosterpark --out "$tmp/report" > /dev/null || fail "report"
svg=$(grep -l "prettig" "$tmp/report"/charts/*.svg | head -1)
[ -n "$svg" ] || fail "the report has no chart of prettig-wonen"
grep -q "100 *% (5)" "$svg" || fail "the report should show all five answers as 2 (100 %, 5): $(grep -o '<text[^>]*>[^<]*' "$svg" | head -20)"
echo "ok: superseded answers are counted nowhere: the wijk's figures and the report count the five new ones"
