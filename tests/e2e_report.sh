#!/usr/bin/env bash
# The gebiedsteam's report on the real stack: a real store on loopback, two kiosks of one
# wijk answering through the real binary and syncing; the report counts both kiosks'
# answers, leaves out a question with fewer than 5 answers, shows the reach table against
# the sample population CSV, lists agreements and meetings, and refuses bad input whole.
# Usage: e2e_report.sh WIJKSTEM SOURCE_DIR PNG_CHECK  (wijkstem-store sits next to WIJKSTEM)
set -euo pipefail
WIJKSTEM=$1
SRC=$2
PNG_CHECK=$3
STORE=$(dirname "$WIJKSTEM")/wijkstem-store
tmp=$(mktemp -d)
store_pid=
cleanup() { [ -n "$store_pid" ] && kill "$store_pid" 2> /dev/null; wait 2> /dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$tmp/store.log" ] && sed 's/^/  store: /' "$tmp/store.log" >&2; exit 1; }
q() { sqlite3 -batch "$1" "$2"; }

# A store on a free loopback port, the bundled pack published for the wijk.
for try in 1 2 3 4 5; do
  port=$(( 20000 + (RANDOM % 20000) ))
  "$STORE" serve --db "$tmp/store.db" --listen "127.0.0.1:$port" 2> "$tmp/store.log" &
  store_pid=$!
  for i in $(seq 200); do grep -q listening "$tmp/store.log" && break; kill -0 "$store_pid" 2> /dev/null || break; sleep 0.05; done
  grep -q listening "$tmp/store.log" && break
  kill "$store_pid" 2> /dev/null || true; wait "$store_pid" 2> /dev/null || true; store_pid=
done
[ -n "$store_pid" ] || fail "the store did not start"
"$STORE" publish --db "$tmp/store.db" --wijk Oosterpark "$SRC/content/packs/gronings-model" > /dev/null || fail "publish"
for k in a b; do
  code=$("$STORE" enroll-code --db "$tmp/store.db" --wijk Oosterpark)
  "$WIJKSTEM" enroll "http://127.0.0.1:$port" "$code" --data "$tmp/$k" > /dev/null || fail "kiosk $k could not enrol"
done

# Kiosk a: 3 quick polls, 2 of them answer meer-zeggenschap; 6 visits to "Over u".
# Kiosk b: 7 quick polls, none answers meer-zeggenschap, one a rapid repeat of the visit
# before (anti-stuffing: stored, flagged, not counted). So prettig-wonen has 3 + 6 counted
# answers and meer-zeggenschap 2 (left out: fewer than 5). Kiosk b's answers are moved to
# October at the store below, so prettig-wonen has a trend over two months.
# Visits 31 s apart (the virtual clock of --headless): a repeat within 30 s is flagged.
poll() { printf 'tap start\ntap prettig-wonen.%s\ntap weet-wie-beslist.ja\ntap wijkbudget-naar.groen\n%s\nexpect-screen thanks\ntap done\nwait %s\n' "$1" "$2" "${3:-31}"; }
{ poll 4 "tap meer-zeggenschap.ja"; poll 4 "tap meer-zeggenschap.nee"; poll 5 "tap skip"; } > "$tmp/a.script"
{ poll 4 "tap skip"; poll 2 "tap skip"; poll 4 "tap skip" 5; poll 4 "tap skip"; poll 3 "tap skip"; poll 1 "tap skip"
  poll 4 "tap skip"; } > "$tmp/b.script"
about() { printf 'tap start\ntap leeftijd.%s\ntap woonduur.%s\ntap skip\ntap skip\nexpect-screen thanks\ntap done\nwait 31\n' "$1" "$2"; }
{ for i in 1 2 3 4 5; do about 65-80 15-plus; done; about 30-45 15-plus; } > "$tmp/a-about.script"
"$WIJKSTEM" --headless --no-sync --data "$tmp/a" --script "$tmp/a.script" || fail "kiosk a's visits"
"$WIJKSTEM" --headless --no-sync --data "$tmp/a" --poll over-u --script "$tmp/a-about.script" || fail "kiosk a's 'over u'"
"$WIJKSTEM" --headless --no-sync --data "$tmp/b" --script "$tmp/b.script" || fail "kiosk b's visits"
for k in a b; do "$WIJKSTEM" sync --data "$tmp/$k" > /dev/null || fail "kiosk $k did not sync"; done
n=$(q "$tmp/store.db" "SELECT count(*) FROM answers")
[ "$n" = 44 ] || fail "the store has $n answers, the kiosks gave 44"
[ "$(q "$tmp/store.db" "SELECT count(*) FROM answers WHERE flagged = 1")" = 3 ] || fail "the repeat visit is not flagged"

b_id=$(q "$tmp/b/journal.sqlite" "SELECT id FROM device")
q "$tmp/store.db" "UPDATE answers SET answered_at = '2026-10-' || substr(answered_at, 9) WHERE device_id = '$b_id'"

# An agreement and two meetings, as a facilitator's kiosk would sync them (the rows of
# the store's schema; the campfire e2e test syncs real ones).
dev=$(q "$tmp/store.db" "SELECT id FROM devices LIMIT 1")
q "$tmp/store.db" "INSERT INTO group_sessions VALUES ('g1', '$dev', 'Oosterpark', 'Kampvuur buurthuis De Kroon', '2026-11-20', 9, 'gronings-model', '2.3.0', '2026-11-20T19:00:00Z', NULL, '2026-11-21T08:00:00Z');
INSERT INTO group_sessions VALUES ('g2', '$dev', 'Oosterpark', 'Klein overleg', '2026-11-22', 3, 'gronings-model', '2.3.0', '2026-11-22T19:00:00Z', NULL, '2026-11-23T08:00:00Z');
INSERT INTO group_results VALUES ('g1', 'weet-wie-beslist', 'ja', 2, 'hands'), ('g1', 'weet-wie-beslist', 'nee', 7, 'hands'),
                                 ('g2', 'weet-wie-beslist', 'ja', 3, 'taps');
INSERT INTO agreements VALUES ('a1', 'g1', '$dev', 'Oosterpark', 'Elke maand een open wijkavond over het budget', 'samen', '2027-01-31', 'transparantie', 'open', '2026-11-20T20:00:00Z', '2026-11-20T20:00:00Z', '2026-11-21T08:00:00Z');"

# 1. The report.
"$STORE" report --db "$tmp/store.db" --wijk Oosterpark --out "$tmp/report" \
  --population "$SRC/tests/data/wijkkompas-sample.csv" > "$tmp/report.out" || fail "report: $(cat "$tmp/report.out")"
cat "$tmp/report.out"
[ -s "$tmp/report/index.html" ] && [ -s "$tmp/report/counts.csv" ] || fail "no index.html or counts.csv"
csv=$tmp/report/counts.csv
row() { grep -c "^kiosk,$1,.*,$2,[^,]*,$3\$" "$csv" || true; }
[ "$(row prettig-wonen 4 5)" = 1 ] || fail "prettig-wonen 4 should count 5 (2 from a, 3 from b): $(grep prettig-wonen "$csv")"
for v in 1 2 3 5; do [ "$(row prettig-wonen $v 1)" = 1 ] || fail "prettig-wonen $v: $(grep prettig-wonen "$csv")"; done
[ "$(row weet-wie-beslist ja 9)" = 1 ] || fail "weet-wie-beslist ja should be 9: $(grep weet-wie "$csv")"
[ "$(row leeftijd 65-80 5)" = 1 ] || fail "leeftijd 65-80 should be 5: $(grep leeftijd "$csv")"
grep -q "^kiosk,meer-zeggenschap," "$csv" && fail "meer-zeggenschap (2 answers) is in the counts"
[ -s "$tmp/report/charts/prettig-wonen.png" ] || fail "no chart for prettig-wonen"
[ -e "$tmp/report/charts/meer-zeggenschap.png" ] && fail "a chart for a question with 2 answers"
for png in "$tmp"/report/charts/*.png; do "$PNG_CHECK" "$png" 800 200 > /dev/null || fail "blank chart $png"; done
html=$tmp/report/index.html
grep -q 'id="meer-zeggenschap"' "$html" || fail "meer-zeggenschap is not listed"
sed -n '/id="meer-zeggenschap"/,/<\/div>/p' "$html" | grep -q "Minder dan 5 antwoorden: niet getoond" || fail "no note on the small group"
grep -q 'src="charts/prettig-wonen.png"' "$html" || fail "index.html does not show the chart"
grep -q "41 antwoorden van 15 bezoeken aan 2 kiosks" "$html" || fail "totals: $(grep -o '[0-9]* antwoorden van [^<]*' "$html")"
grep -q "3 antwoorden van bezoeken die het bezoek ervoor herhaalden" "$html" || fail "the flagged answers are not stated"
# The months: October (kiosk b, 6 answers) shown, November (kiosk a, 3) not.
trend=$(sed -n '/id="prettig-wonen"/,/<\/div>/p' "$html")
echo "$trend" | grep -q "<h4>Per maand</h4>" || fail "no trend for prettig-wonen"
echo "$trend" | grep -q "<tr><td>2026-10</td><td>17%</td><td>17%</td><td>17%</td><td>50%</td><td>0%</td><td>6</td></tr>" || \
  fail "October's shares: $(echo "$trend" | grep 2026-10)"
echo "$trend" | grep "<td>20[0-9][0-9]-[0-9][0-9]</td>" | grep -v 2026-10 | grep -q "minder dan 5" || fail "a month with 3 answers is shown"
echo "ok: both kiosks counted (prettig-wonen 5x '4': 2 from kiosk a, 3 from b), a 2-answer question left out, months compared"

# The reach table: 65-80 is 5 of the 6 who named an age (83%) against 610 of 5000 (12%);
# 30-45 (1 at the kiosk) is not shown.
reach=$(sed -n '/id="bereik"/,/id="afspraken"/p' "$html")
echo "$reach" | grep -q "<td>65-80 jaar</td><td>5</td><td>83%</td><td>12%</td><td>+71 procentpunt</td>" || \
  echo "$reach" | grep -q "<td>[^<]*65[^<]*</td><td>5</td><td>83%</td><td>12%</td><td>+71 procentpunt</td>" || \
  fail "the reach row for 65-80: $(echo "$reach" | grep 65)"
echo "$reach" | grep "30" | grep -q "minder dan 5" || fail "the reach row for 30-45 is not suppressed: $(echo "$reach" | grep 30)"
echo "$reach" | grep -q "<td>[^<]*</td><td>minder dan 5</td><td>-</td><td>20%</td>" || fail "30-45's wijk share: $(echo "$reach" | grep 30)"
echo "ok: the reach table against the sample wijkkompas CSV (65-80: 83% at the kiosk, 12% in the wijk)"

# Agreements and meetings: the agreement with its status; the meeting of 9 with its chart;
# the meeting of 3 without its votes; the walk-in counts do not include the group's votes.
grep -q "<td>Elke maand een open wijkavond over het budget</td><td>samen</td><td>2027-01-31</td><td>transparantie</td><td>open</td><td>Kampvuur buurthuis De Kroon</td>" "$html" || fail "the agreement"
[ -s "$tmp/report/charts/groep-1-weet-wie-beslist.png" ] || fail "no chart for the meeting"
[ -e "$tmp/report/charts/groep-2-weet-wie-beslist.png" ] && fail "a chart for a meeting of 3"
grep -q "^groep Kampvuur buurthuis De Kroon,weet-wie-beslist,.*,nee,[^,]*,7$" "$csv" || fail "the meeting's counts"
[ "$(row weet-wie-beslist nee 0)" = 1 ] && [ "$(row weet-wie-beslist ja 9)" = 1 ] || \
  fail "the group's votes leaked into the walk-in counts: $(grep '^kiosk,weet-wie' "$csv")"
# WIJKSTEM_SAMPLE_REPORT=DIR keeps this report (docs/sample-report was made so).
if [ -n "${WIJKSTEM_SAMPLE_REPORT:-}" ]; then rm -rf "$WIJKSTEM_SAMPLE_REPORT"; cp -r "$tmp/report" "$WIJKSTEM_SAMPLE_REPORT"; fi
echo "ok: the agreement with its status, the meeting's chart, a meeting of 3 not shown, groups apart from walk-ins"

# 2. Bad input changes nothing: a broken CSV, a folder that is not a report.
printf 'vraag,antwoord,inwoners\nleeftijd,65-80,veel\n' > "$tmp/bad.csv"
if "$STORE" report --db "$tmp/store.db" --wijk Oosterpark --out "$tmp/r2" --population "$tmp/bad.csv" 2> "$tmp/bad.err"; then
  fail "a broken CSV made a report"; fi
grep -q "bad.csv:2: 'veel' is not a number of residents" "$tmp/bad.err" || fail "no clear message: $(cat "$tmp/bad.err")"
[ -e "$tmp/r2" ] && fail "a refused report left a folder"
ls "$tmp" | grep -q "r2.tmp" && fail "a refused report left its temporary folder"
printf 'vraag,antwoord,inwoners\nleeftijd,65-90,10\n' > "$tmp/bad2.csv"
if "$STORE" report --db "$tmp/store.db" --wijk Oosterpark --out "$tmp/r2" --population "$tmp/bad2.csv" 2> "$tmp/bad2.err"; then
  fail "an unknown age band made a report"; fi
grep -q "bad2.csv:2: '65-90' is not an answer of question 'leeftijd'" "$tmp/bad2.err" || fail "$(cat "$tmp/bad2.err")"
mkdir "$tmp/photos" && echo keep > "$tmp/photos/holiday.jpg"
if "$STORE" report --db "$tmp/store.db" --wijk Oosterpark --out "$tmp/photos" 2> "$tmp/photos.err"; then
  fail "a report overwrote a folder that was not a report"; fi
[ "$(cat "$tmp/photos/holiday.jpg")" = keep ] || fail "the folder was changed"
grep -q "already exists and is not an earlier report" "$tmp/photos.err" || fail "$(cat "$tmp/photos.err")"
if "$STORE" report --db "$tmp/store.db" --wijk Nergens --out "$tmp/r3" 2> "$tmp/none.err"; then fail "a report on an unknown wijk"; fi
grep -q "nothing from wijk 'Nergens'" "$tmp/none.err" || fail "$(cat "$tmp/none.err")"
# An earlier report is replaced whole.
"$STORE" report --db "$tmp/store.db" --wijk Oosterpark --out "$tmp/report" > /dev/null || fail "a second report"
grep -q "Geen bevolkingscijfers" "$tmp/report/index.html" || fail "the earlier report was not replaced"
echo "ok: a broken CSV (FILE:LINE), an unknown group, someone's folder and an unknown wijk are refused, nothing written"
echo "PASS e2e_report"
