#!/usr/bin/env bash
# Languages on the real binary: every language of the pack is chosen on the attract
# screen in its own name, shows the pack's words, stores its visit's language, and the
# next visitor starts in Dutch again; Arabic mirrors the layout; a screenshot of one
# question in each language under Xvfb; a pack with a character the fonts lack is
# refused with its place.
# Usage: e2e_languages.sh WIJKSTEM SOURCE_DIR [PNG_CHECK]
set -euo pipefail
WIJKSTEM=$1
SRC=$2
PNG_CHECK=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { sqlite3 -batch "$1" "$2"; }
PACK="$SRC/content/packs/gronings-model/pack.json"

# The pack's own words for each language, read from pack.json (not written here twice).
langs=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["languages"]))' "$PACK")
word() { # word LANG KEY: a ui text; word LANG @QUESTION: a quick-poll question's prompt
  python3 - "$PACK" "$1" "$2" <<'PY'
import json, re, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
lang, key = sys.argv[2], sys.argv[3]
def spelled(text):  # place words as for a wijk (docs/content-format.md)
    return re.sub(r"\{@([^}]+)\}", lambda m: p["place_words"][m.group(1)]["wijk"][lang], text)
if key.startswith("@"):
    for poll in p["polls"]:
        for q in poll["questions"]:
            if q["id"] == key[1:]:
                print(spelled(q["prompt"][lang]))
else:
    print(spelled(p["ui"][key][lang]))
PY
}
[ "$(echo $langs | wc -w)" -ge 6 ] || fail "the pack has only: $langs"
for l in nl en pl tr uk ar; do echo " $langs " | grep -q " $l " || fail "the pack lacks $l"; done

# 1. Each language in turn: its name on the attract screen, its words, one answer.
script="$tmp/visits.script"
: > "$script"
for l in $langs; do
  { echo "expect-screen attract"
    echo "expect-text $(word nl attract.title)"        # every visit starts in Dutch
    echo "tap $(word "$l" language.name)"               # the button carries the language's own name
    echo "expect-text $(word "$l" attract.title)"
    echo "tap start"
    echo "expect-text $(word "$l" @prettig-wonen)"
    echo "tap prettig-wonen.4"
    echo "tap stop"
    echo "expect-screen thanks"
    echo "expect-text $(word "$l" thanks.title)"
    echo "tap done"
    echo "wait 5"; } >> "$script"
done
"$WIJKSTEM" --headless --no-sync --data "$tmp/a" --script "$script" || fail "a visit in each language"
got=$(q "$tmp/a/journal.sqlite" "SELECT group_concat(lang, ' ') FROM (SELECT lang FROM sessions ORDER BY started_at, rowid)")
[ "$got" = "$langs" ] || fail "visits stored in '$got', expected '$langs'"
[ "$(q "$tmp/a/journal.sqlite" "SELECT count(*) FROM answers WHERE question_id = 'prettig-wonen' AND value = '4'")" = \
  "$(echo $langs | wc -w)" ] || fail "not one answer per language"
echo "ok: $(echo $langs | wc -w) languages chosen by their own names, each visit stored in its language"

# 2. Arabic mirrors the layout: "skip" sits as far in from the other side, and "stop"
# (bottom left in Dutch; issue 15 put skip in the middle of the bar) is bottom right.
box() { awk -F'\t' -v id="$2" '$1 == id { print $3 }' "$1"; }
for l in nl ar; do
  printf 'tap lang-%s\ntap start\ntargets\n' "$l" > "$tmp/$l.script"
  "$WIJKSTEM" --headless --no-sync --windowed 1920x1080 --data "$tmp/t$l" --script "$tmp/$l.script" > "$tmp/$l.targets" \
    || fail "targets in $l"
done
read -r nl_x0 _ nl_x1 _ <<< "$(box "$tmp/nl.targets" skip)"
read -r ar_x0 _ ar_x1 _ <<< "$(box "$tmp/ar.targets" skip)"
[ -n "$nl_x0" ] && [ -n "$ar_x0" ] || fail "no skip button: $(cat "$tmp/ar.targets")"
[ "$((nl_x0 + ar_x1))" -ge 1918 ] && [ "$((nl_x0 + ar_x1))" -le 1922 ] || \
  fail "skip not mirrored: nl $nl_x0..$nl_x1, ar $ar_x0..$ar_x1"
read -r nl_s0 _ nl_s1 _ <<< "$(box "$tmp/nl.targets" stop)"
read -r ar_s0 _ ar_s1 _ <<< "$(box "$tmp/ar.targets" stop)"
[ "$nl_s1" -lt 960 ] && [ "$ar_s0" -gt 960 ] || fail "stop not on opposite sides: nl $nl_s0..$nl_s1, ar $ar_s0..$ar_s1"
echo "ok: Arabic mirrors the layout (skip at x $nl_x0..$nl_x1 in Dutch, $ar_x0..$ar_x1 in Arabic)"

# 3. A pack with a character the fonts cannot show is refused, with its place.
mkdir -p "$tmp/bad"
python3 - "$PACK" "$tmp/bad/pack.json" <<'PY'
import sys
src = open(sys.argv[1], encoding="utf-8").read()
i = src.index('"language.name"')
j = src.index('"ar": "', i) + len('"ar": "')
open(sys.argv[2], "w", encoding="utf-8").write(src[:j] + "\u4e2d" + src[j:])
PY
if "$WIJKSTEM" check-content "$tmp/bad" > "$tmp/bad.out" 2>&1; then fail "a CJK character passed check-content"; fi
grep -Eq "pack.json:[0-9]+:[0-9]+: interface text 'language.name' in 'ar' has a character the kiosk's fonts cannot show: '中' \(U\+4E2D\)" \
  "$tmp/bad.out" || fail "no clear message: $(cat "$tmp/bad.out")"
if "$WIJKSTEM" --headless --content "$tmp/bad" --data "$tmp/b" --script "$script" 2> "$tmp/bad.err"; then
  fail "the kiosk started with a pack it cannot draw"; fi
grep -q "U+4E2D" "$tmp/bad.err" || fail "the kiosk did not say why: $(cat "$tmp/bad.err")"
echo "ok: a character the fonts lack is refused at its place ($(grep -o 'pack.json:[0-9]*:[0-9]*' "$tmp/bad.out" | head -1))"

# 4. One question in each language on a real window (Arabic joined, right to left).
if command -v xvfb-run > /dev/null; then
  : > "$tmp/shots.script"
  for l in $langs; do
    printf 'tap lang-%s\ntap start\nscreenshot %s/question-%s.png\ntap stop\nexpect-screen attract\n' "$l" "$tmp" "$l" \
      >> "$tmp/shots.script"
  done
  xvfb-run -a -n $(( 200 + RANDOM % 700 )) -s "-screen 0 1920x1080x24" "$WIJKSTEM" --windowed 1920x1080 --no-sync --data "$tmp/c" \
    --script "$tmp/shots.script" || fail "screenshots in each language"
  for l in $langs; do
    [ -s "$tmp/question-$l.png" ] || fail "no screenshot in $l"
    if [ -n "$PNG_CHECK" ]; then "$PNG_CHECK" "$tmp/question-$l.png" 1920 1080 > /dev/null || fail "blank screenshot in $l"; fi
  done
  # Different words make different pictures.
  [ "$(md5sum "$tmp"/question-*.png | cut -d' ' -f1 | sort -u | wc -l)" = "$(echo $langs | wc -w)" ] || \
    fail "two languages look the same"
  echo "ok: a screenshot of a question in each language"
else
  echo "skip: no xvfb-run"
fi
echo "PASS e2e_languages"
