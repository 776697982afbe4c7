#!/usr/bin/env bash
# The gebiedsteam's report on the real stack: a real wijkstem-store on loopback, two kiosks
# in one wijk answering in real (headless) runs and syncing to it; `wijkstem-store report`
# for that wijk counts both kiosks' answers (and not the flagged repeat), hides a question
# with fewer than 5 answers, shows the reach table against tests/data/wijkkompas-sample.csv
# with "< 5" for small groups, keeps campfire meetings apart, and draws its charts as SVG
# (well-formed XML, a title each, the percentages written), inline and as files. A bad CSV
# or an unknown wijk changes nothing. `report --all` (the year report) over both wijken, after
# 5 praatplaat visits on the kiosk in Selwerd: where it leans per theme, its witte vlekken ranked.
# Usage: e2e_report.sh WIJKSTEM SOURCE_DIR  (wijkstem-store sits next to WIJKSTEM)
set -euo pipefail
WIJKSTEM=$1
SRC=$2
CSV=$SRC/tests/data/wijkkompas-sample.csv
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh" # $tmp, $STORE; fail, json_field, q, start_store, ...
trap e2e_cleanup EXIT

# A store on a free loopback port.
start_store_anywhere "$tmp/store.db"
"$STORE" publish --db "$tmp/store.db" --wijk Voorbeeldwijk "$SRC/content/packs/gronings-model" > /dev/null || fail "publish"
for k in a b; do enrol_kiosk "$tmp/store.db" Voorbeeldwijk "$tmp/$k"; done
# A kiosk in another wijk: its answers must not count for Voorbeeldwijk.
enrol_kiosk "$tmp/store.db" Selwerd "$tmp/c"

# quick A B C D: one visit of the quick poll (D "skip": the last question skipped). Visits
# are 31 s apart, so none repeats the one before within the 30 s window (no flags).
quick() {
  printf 'tap start\ntap prettig-wonen.%s\ntap weet-wie-beslist.%s\ntap wijkbudget-naar.%s\n' "$1" "$2" "$3"
  if [ "$4" = skip ]; then echo 'tap skip'; else echo "tap meer-zeggenschap.$4"; fi
  printf 'expect-screen thanks\ntap done\nwait 31\n'
}
# about AGE STAY PART: the closing poll about the resident (run with --poll over-u).
about() {
  printf 'tap start\ntap leeftijd.%s\ntap woonduur.%s\ntap wijkdeel.%s\n' "$1" "$2" "$3"
  printf 'tap skip\nexpect-screen thanks\ntap done\nwait 31\n'
}
{
  quick 4 ja groen ja; quick 4 nee groen skip; quick 5 ja spelen skip; quick 3 ja groen skip
} > "$tmp/a-quick.script"
{
  quick 4 nee spelen nee; quick 2 ja groen skip
  # The same visit twice, 5 s apart: the second is stored but flagged, and not counted.
  quick 4 ja groen skip | sed 's/^wait 31$/wait 5/'; quick 4 ja groen skip
} > "$tmp/b-quick.script"
{
  # One resident writes something: counted, never in the report.
  printf 'tap start\ntap leeftijd.65-80\ntap woonduur.15-plus\ntap wijkdeel.noord\n'
  printf 'type Meer bankjes\ntap key-done\nexpect-screen thanks\ntap done\nwait 31\n'
  about 65-80 15-plus zuid; about 65-80 5-15 noord; about 45-65 15-plus noord; about 45-65 5-15 oost
  about 18-30 1-5 noord
} > "$tmp/a-about.script"
{
  about 65-80 15-plus noord; about 65-80 15-plus zuid; about 65-80 5-15 noord; about 45-65 15-plus west
  about 45-65 1-5 noord; about 45-65 5-15 zuid
} > "$tmp/b-about.script"
for k in a b; do
  "$WIJKSTEM" --headless --no-sync --data "$tmp/$k" --script "$tmp/$k-quick.script" > "$tmp/$k.out" \
    || fail "kiosk $k's quick polls: $(cat "$tmp/$k.out")"
  "$WIJKSTEM" --headless --no-sync --poll over-u --data "$tmp/$k" --script "$tmp/$k-about.script" > "$tmp/$k.out" \
    || fail "kiosk $k's questions about the resident: $(cat "$tmp/$k.out")"
done
for i in 1 2 3 4 5; do quick 1 nee veiligheid nee; done > "$tmp/c.script"
"$WIJKSTEM" --headless --no-sync --data "$tmp/c" --script "$tmp/c.script" > /dev/null || fail "kiosk c's visits"
for k in a b c; do
  "$WIJKSTEM" sync --data "$tmp/$k" > "$tmp/sync.out" || fail "sync $k: $(cat "$tmp/sync.out")"
done
[ "$(q "$tmp/b/journal.sqlite" 'SELECT count(*) FROM answers WHERE flagged = 1')" = 3 ] \
  || fail "kiosk b should have flagged the repeated visit's 3 answers"
[ "$(q "$tmp/store.db" "SELECT count(*) FROM answers a JOIN devices d ON d.id = a.device_id WHERE d.wijk = 'Voorbeeldwijk'")" = 63 ] \
  || fail "the store should hold 32 + 31 answers of Voorbeeldwijk"
echo "ok: two kiosks in Voorbeeldwijk synced 63 answers (3 flagged), a third kiosk in Selwerd"

# A campfire meeting and its agreements (their sync is not part of this test: rows by hand).
dev_a=$(q "$tmp/a/journal.sqlite" 'SELECT id FROM device')
sqlite3 -bail "$tmp/store.db" <<SQL
INSERT INTO group_sessions VALUES ('9e000000-0000-4000-8000-000000000001', '$dev_a', 'Voorbeeldwijk',
  'Kampvuur <Parkstraat> & co', '2026-11-12', 9, 'gronings-model', '2.2.0', '2026-11-12T18:00:00Z',
  '2026-11-12T20:00:00Z', '2026-11-13T08:00:00Z');
INSERT INTO group_results VALUES ('9e000000-0000-4000-8000-000000000001', 'prettig-wonen', '4', 7, 'hands'),
  ('9e000000-0000-4000-8000-000000000001', 'prettig-wonen', '2', 2, 'hands');
INSERT INTO agreements VALUES ('ae000000-0000-4000-8000-000000000001', '9e000000-0000-4000-8000-000000000001', '$dev_a',
  'Voorbeeldwijk', 'Bankjes in het park <script>alert(1)</script>', 'samen', '2020-01-01', 'transparantie', 'bezig',
  '2026-11-12T19:00:00Z', '2026-11-12T19:00:00Z', '2026-11-13T08:00:00Z');
SQL

# 1. The report, while the store keeps serving.
out=$tmp/rapport
"$STORE" report --db "$tmp/store.db" --wijk Voorbeeldwijk --out "$out" --population "$CSV" > "$tmp/report.out" \
  2> "$tmp/report.err" || fail "report: $(cat "$tmp/report.out" "$tmp/report.err")"
grep -q "report for Voorbeeldwijk: 60 answer(s) counted from 2 kiosk(s), 3 flagged and not counted" "$tmp/report.out" \
  || fail "report summary: $(cat "$tmp/report.out")"
kill -0 "$store_pid" || fail "the store stopped during the report"
html=$out/index.html
csv=$out/counts.csv
[ -f "$html" ] && [ -f "$csv" ] || fail "no index.html or counts.csv in $out"
ls -A "$tmp" | grep -q '^\.rapport\.tmp' && fail "a temporary folder was left next to the report"

# 2. Both kiosks' answers, counted once each: every figure in counts.csv equals what the
#    two kiosks' journals hold (not flagged), and neither kiosk alone has it.
expect() { # QUESTION VALUE LABEL COUNT RESPONDENTS
  local line
  line=$(grep "^kiosk,all,$1,.*,$2,$3,[0-9]*,[0-9]*$" "$csv") || fail "counts.csv has no row for $1 = $2: $(grep "$1" "$csv")"
  [ "${line##*,$3,}" = "$4,$5" ] || fail "counts.csv: $1 = $2 should be $4 of $5: $line"
  local in_a in_b
  in_a=$(q "$tmp/a/journal.sqlite" "SELECT count(*) FROM answers WHERE question_id = '$1' AND value = '$2' AND flagged = 0")
  in_b=$(q "$tmp/b/journal.sqlite" "SELECT count(*) FROM answers WHERE question_id = '$1' AND value = '$2' AND flagged = 0")
  [ $(( in_a + in_b )) = "$4" ] || fail "counts.csv: $1 = $2 is $4, the kiosks hold $in_a + $in_b"
}
expect prettig-wonen 4 Goed 4 7
expect prettig-wonen 2 Slecht 1 7
expect prettig-wonen 1 "Heel slecht" 0 7 # kiosk c (Selwerd) gave five of these
expect weet-wie-beslist ja Ja 5 7
expect wijkbudget-naar groen "Groen en bomen" 5 7
expect wijkbudget-naar spelen "Spelen voor kinderen" 2 7
for k in a b; do
  n=$(q "$tmp/$k/journal.sqlite" "SELECT count(*) FROM answers WHERE question_id = 'prettig-wonen' AND flagged = 0")
  [ "$n" -lt 7 ] || fail "kiosk $k alone has all 7 prettig-wonen answers"
  [ "$n" -gt 0 ] || fail "kiosk $k gave no prettig-wonen answer"
done
grep -q "Heel slecht: 0% (0); Slecht: 14% (1); Gaat wel: 14% (1); Goed: 57% (4); Heel goed: 14% (1)" "$html" \
  || fail "index.html does not give prettig-wonen's figures in words"
echo "ok: counts.csv and index.html count both kiosks' answers (7 = 4 + 3), not the flagged repeat, not Selwerd"

# 3. The small question (2 answers) shows no figures, anywhere.
grep -q "meer-zeggenschap" "$csv" && fail "counts.csv holds the question with 2 answers"
[ -e "$out/charts/kiosk-meer-zeggenschap.svg" ] && fail "a chart was drawn for the question with 2 answers"
grep -A1 'id="kiosk-meer-zeggenschap"' "$html" | grep -q "Minder dan 5 antwoorden: niet getoond." \
  || fail "index.html does not say the small question is hidden: $(grep -A1 'kiosk-meer-zeggenschap' "$html")"
grep -q "Kleine groepen blijven onzichtbaar" "$html" || fail "the rule for small groups is not in the report"
grep -q "Niet meegeteld:</b> 3 antwoorden uit 1 bezoek " "$html" || fail "the flagged answers are not stated"
grep -q "bankjes" "$html" "$csv" && fail "free text is in the report"
grep -q "Minder dan 5 deelnemers schreven hier iets" "$html" || fail "the free text question is not counted in words"
echo "ok: the question with 2 answers is hidden (page, CSV, no chart); the flagged and free text are stated, not shown"

# 4. Reach: the kiosk's age bands beside the made-up wijkkompas figures, "< 5" for small groups.
row() { grep -o "<tr><td>$1</td>.*</tr>" "$html" | sed 's/<span class="meter"><span style="width:[0-9.]*%"><\/span><\/span> //g'; }
row "65 tot 80 jaar" | grep -q '<td class="n">6</td><td>50%</td><td>11%</td><td>veel meer (+39 procentpunt)</td>' \
  || fail "reach, 65 tot 80: $(row "65 tot 80 jaar")"
row "45 tot 65 jaar" | grep -q '<td class="n">5</td><td>42%</td><td>23%</td><td>veel meer (+19 procentpunt)</td>' \
  || fail "reach, 45 tot 65: $(row "45 tot 65 jaar")"
row "18 tot 30 jaar" | grep -q '<td class="n">&lt; 5</td><td>&mdash;</td><td>24%</td><td>&mdash;</td>' \
  || fail "reach, 18 tot 30 (1 answer) should read < 5: $(row "18 tot 30 jaar")"
row "5 tot 15 jaar" | grep -q '<td class="n">&lt; 5</td>' || fail "reach, woonduur 5 tot 15 (4): $(row "5 tot 15 jaar")"
row "15 jaar of langer" | grep -q '<td class="n">6</td>' || fail "reach, woonduur 15+: $(row "15 jaar of langer")"
grep -q "100% (8000 inwoners)" "$html" || fail "the population total from the CSV is not shown"
grep -q 'id="kiosk-leeftijd"' "$html" && fail "the age question also has a chart (it belongs in the reach table only)"
echo "ok: the reach table puts the kiosk's answers beside $(basename "$CSV"), small groups as < 5"

# 5. Campfire meetings apart, agreements escaped; the charts are SVG, all local.
grep -q "Kampvuur &lt;Parkstraat&gt; &amp; co" "$html" || fail "the meeting is not in the report"
grep -q "^kampvuur 2026-11-12 Kampvuur <Parkstraat> & co,all,prettig-wonen,.*,4,Goed,7,9$" "$csv" \
  || fail "counts.csv: the meeting's result: $(grep kampvuur "$csv")"
grep -q "Bankjes in het park &lt;script&gt;" "$html" || fail "the agreement is not in the report"
grep -q "(over de datum)" "$html" || fail "the late agreement is not marked"
grep -qi "<script" "$html" && fail "index.html has a script"
grep -Eq '(src|href)="(https?:)?//' "$html" && fail "index.html loads something from elsewhere"
# Every chart file is linked from the page and stands in it inline; each (file and inline)
# is well-formed SVG with one <title> and a <desc>, a figure written beside every bar.
files=$(grep -o 'href="charts/[^"]*\.svg"' "$html" | sed 's/^href="//; s/"$//' | sort -u)
[ "$(echo "$files" | wc -l)" = "$(ls "$out/charts" | wc -l)" ] || fail "the page links $(echo "$files" | wc -l) charts, $(ls "$out/charts" | wc -l) were written"
python3 - "$out" $files > "$tmp/svg.out" 2>&1 <<'PY' || fail "the charts: $(cat "$tmp/svg.out")"
import re, sys, xml.etree.ElementTree as ET
NS = "{http://www.w3.org/2000/svg}"
def check(name, root):
    assert root.tag == NS + "svg", f"{name}: root is {root.tag}"
    assert root.get("role") == "img", f"{name}: no role=img"
    titles = root.findall(NS + "title")
    assert len(titles) == 1 and titles[0].text, f"{name}: {len(titles)} titles"
    desc = root.find(NS + "desc")
    assert desc is not None and "%" in desc.text, f"{name}: no description with the figures"
    assert root.get("aria-labelledby") == f"{titles[0].get('id')} {desc.get('id')}", f"{name}: aria-labelledby"
    texts = ["".join(t.itertext()) for t in root.iter(NS + "text")]
    figures = [t for t in texts if re.fullmatch(r"\d+% \([\d.]+( \w+)?\)", t)]
    bars = [r for r in root.iter(NS + "rect") if r.get("fill") == "#104682"]
    assert figures, f"{name}: no percentages written"
    assert len(bars) <= len(figures), f"{name}: {len(bars)} bars, {len(figures)} figures"
    for tick in ("0%", "25%", "50%", "75%", "100%"):
        assert tick in texts, f"{name}: no {tick} on the scale"
    return titles[0].text, figures
out, files = sys.argv[1], sys.argv[2:]
page = open(out + "/index.html", encoding="utf-8").read()
inline = re.findall(r"<svg .*?</svg>", page, re.S)
assert len(inline) == len(files), f"{len(inline)} charts inline, {len(files)} files"
for i, svg in enumerate(inline):
    check(f"inline chart {i + 1}", ET.fromstring(svg))
for f in files:
    title, figures = check(f, ET.parse(out + "/" + f).getroot())
    print(f, title, figures)
PY
grep -q 'kiosk-prettig-wonen.svg Hoe prettig woont u in uw wijk? .*57% (4)' "$tmp/svg.out" \
  || fail "the prettig-wonen chart does not write 57% (4): $(grep prettig "$tmp/svg.out")"
echo "ok: $(echo "$files" | wc -l) charts, each well-formed SVG with a title, inline in index.html and as a file; the meeting and agreement apart and escaped"

# 6. A bad CSV, an unknown wijk, a folder of something else: a clear message, nothing changed.
before=$(cd "$out" && find . -type f -exec md5sum {} + | sort)
sed '7s/,1900$/,1.900/' "$CSV" > "$tmp/bad.csv"
if "$STORE" report --db "$tmp/store.db" --wijk Voorbeeldwijk --out "$out" --population "$tmp/bad.csv" 2> "$tmp/bad.err"; then
  fail "a bad CSV made a report"
fi
grep -q "bad.csv:7: aantal must be a whole number" "$tmp/bad.err" || fail "bad CSV message: $(cat "$tmp/bad.err")"
[ "$(cd "$out" && find . -type f -exec md5sum {} + | sort)" = "$before" ] || fail "the bad CSV changed the earlier report"
sed 's/^leeftijd,65-80,/leeftijd,66-80,/' "$CSV" > "$tmp/bad.csv"
if "$STORE" report --db "$tmp/store.db" --wijk Voorbeeldwijk --out "$tmp/new" --population "$tmp/bad.csv" 2> "$tmp/bad.err"; then
  fail "a CSV with a group the pack does not know made a report"
fi
grep -q "bad.csv:[0-9]*: groep '66-80' is not an answer to 'leeftijd'" "$tmp/bad.err" || fail "unknown group: $(cat "$tmp/bad.err")"
[ -e "$tmp/new" ] && fail "a refused report left a folder"
if "$STORE" report --db "$tmp/store.db" --wijk Voorbeeldwyk --out "$tmp/new" 2> "$tmp/wijk.err"; then fail "an unknown wijk made a report"; fi
grep -q "no kiosk is enrolled and no pack published in wijk 'Voorbeeldwyk' (this store knows: Selwerd, Voorbeeldwijk)" "$tmp/wijk.err" \
  || fail "unknown wijk: $(cat "$tmp/wijk.err")"
mkdir "$tmp/papers" && echo mine > "$tmp/papers/notes.txt"
if "$STORE" report --db "$tmp/store.db" --wijk Voorbeeldwijk --out "$tmp/papers" 2> "$tmp/papers.err"; then
  fail "the report overwrote a folder of other files"
fi
[ "$(ls -A "$tmp/papers")" = notes.txt ] || fail "the refused folder was changed: $(ls -A "$tmp/papers")"
ls -A "$tmp" | grep -q '\.tmp-' && fail "a temporary folder was left behind"
echo "ok: a bad CSV (FILE:LINE), an unknown group, an unknown wijk and a folder of other files change nothing"

# 7. Again without population figures: the same report, the reach table with the kiosk's side only.
"$STORE" report --db "$tmp/store.db" --wijk Voorbeeldwijk --out "$out" --period quarter > /dev/null || fail "report again"
grep -q -- "--population BESTAND" "$out/index.html" || fail "without figures the page does not say how to add them"
row "65 tot 80 jaar" | grep -q '<td class="n">6</td><td>50%</td></tr>' || fail "reach without figures: $(row "65 tot 80 jaar")"
[ "$(ls -A "$out/charts" | wc -l)" -gt 0 ] || fail "the replaced report has no charts"
echo "ok: a second report replaced the first; without figures the reach table shows the kiosk's side"

# 8. The year report (report --all): kiosk c in Selwerd runs the praatplaat 5 times on the real
#    binary (the wijk decides on groen, samen on spelen, the gemeente on verkeer; the budget
#    is never visible, 3 of 5 hear too little of decisions) and syncs. The overview names
#    where each wijk leans per theme and ranks Selwerd's witte vlekken; each wijk is linked.
# praatplaat_visit BESLUIT-BEKEND CHARTS: the agree answer (1-5) to "Na een besluit hoort de wijk
# ...", and how many charts the results screen shows after each zone (the kiosk shows a chart
# only from 5 answers on: none before the fifth visit, then one per question).
praatplaat_visit() {
  local more=''
  local i
  for ((i = 1; i < $2; i++)); do more+=$'tap next\n'; done
  printf 'tap praatplaat\nexpect-screen intro\ntap next\nexpect-screen poster\ntap rolverdeling\nexpect-screen zone\n'
  printf 'tap zone-start\nexpect-screen question\ntap hoeveel-zeggenschap.besluiten\nexpect-screen question\n'
  printf 'tap wie-beslist.groen.wijk\ntap wie-beslist.spelen.samen\ntap wie-beslist.verkeer.gemeente\ntap next\n'
  printf 'expect-screen question\ntap rol-raad.raad-laat\nexpect-screen results\n%stap next\nexpect-screen poster\n' "$more"
  printf 'tap transparantie\nexpect-screen zone\ntap zone-start\nexpect-screen question\ntap wie-beslist-wat.ja\n'
  printf 'tap wanneer-beslist.ja\ntap werkwijze-zichtbaar.5\ntap begroting-zichtbaar.nee\ntap besluit-bekend.%s\n' "$1"
  printf 'expect-screen results\n%stap next\nexpect-screen poster\ntap outcome\nexpect-screen outcome\ntap done\n' "$more"
  printf 'expect-screen question\ntap skip\ntap skip\ntap skip\ntap skip\nexpect-screen thanks\ntap done\nwait 31\n'
}
{ for b in 3 3 3 4; do praatplaat_visit "$b" 0; done; praatplaat_visit 4 5; } > "$tmp/c-praatplaat.script"
"$WIJKSTEM" --headless --no-sync --data "$tmp/c" --script "$tmp/c-praatplaat.script" > "$tmp/c.out" 2>&1 \
  || fail "kiosk c's praatplaat visits: $(cat "$tmp/c.out")"
"$WIJKSTEM" sync --data "$tmp/c" > "$tmp/sync.out" || fail "sync c: $(cat "$tmp/sync.out")"
"$STORE" publish --db "$tmp/store.db" --wijk Selwerd "$SRC/content/packs/gronings-model" > /dev/null || fail "publish Selwerd"
"$STORE" report --db "$tmp/store.db" --all --out "$tmp/jaar" --today 2026-12-04 > "$tmp/all.out" \
  || fail "report --all: $(cat "$tmp/all.out")"
year=$tmp/jaar/index.html
for w in selwerd voorbeeldwijk; do
  grep -q "href=\"wijk-$w/index.html\"" "$year" || fail "the overview does not link wijk-$w"
  [ -f "$tmp/jaar/wijk-$w/index.html" ] || fail "no report of wijk-$w"
done
python3 - "$year" > "$tmp/year.out" 2>&1 <<'PY' || fail "the year report: $(cat "$tmp/year.out")"
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
def section(id_):
    m = re.search(r'<section id="%s">(.*?)</section>' % id_, page, re.S)
    assert m, "no section " + id_
    return m.group(1)
def row(html, wijk):
    m = re.search(r'>%s</a></th>(.*?)</tr>' % wijk, html, re.S)
    assert m, "no row for " + wijk
    return re.findall(r"<td[^>]*>(.*?)</td>", m.group(1), re.S)
say = section("zeggenschap")
cells = row(say, "Selwerd")  # groen, spelen, verkeer, wijkbudget, activiteiten
assert "De wijk beslist en verdeelt" in cells[0] and "De wijk 5" in cells[0], cells[0]
assert "De wijk begint zelf plannen" in cells[1], cells[1]
assert "De wijk geeft advies" in cells[2], cells[2]
assert "geen antwoorden" in cells[3], cells[3]
assert all("geen antwoorden" in c for c in row(say, "Voorbeeldwijk")), row(say, "Voorbeeldwijk")
vlekken = section("witte-vlekken")
top = re.findall(r"<tr><td class=\"n\">(\d+)</td><td>(.*?)</td><td>.*?</td><td class=\"n\">(.*?)</td></tr>", vlekken)
assert [t[0] for t in top[:2]] == ["1", "2"], top
assert top[0][1].startswith("Kunt u zien waar het geld") and top[0][2] == "5 van 5 (100%)", top
assert top[1][1].startswith("Na een besluit hoort de wijk") and top[1][2] == "3 van 5 (60%)", top
assert len(top) == 2, top  # the strong answers are no witte vlek
print("ok")
PY
grep -q 'Kunt u zien waar het geld' "$tmp/jaar/wijk-selwerd/index.html" || fail "Selwerd's own report has no witte vlekken"
echo "ok: report --all over two wijken: Selwerd's 5 praatplaat visits lean per theme (verdelen, aanjagen, advies), its witte vlekken ranked 5/5 then 3/5, each wijk linked"
