#!/usr/bin/env bash
# The on-screen keyboard on the real binary (headless, virtual clock): text typed key by
# key, accents and capitals included, is stored exactly; a phone number and an e-mail
# address are stored masked; the count shows and the cap holds; typed text is gone
# after a time-out; the results screen never shows free text.
# Usage: e2e_keyboard.sh WIJKSTEM SOURCE_DIR [PNG_CHECK]
set -euo pipefail
WIJKSTEM=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { sqlite3 -batch "$1" "$2"; }

# The closing poll "over-u" ends with the free-text question; --poll starts it directly.
to_text='tap start
tap skip
tap skip
tap skip
expect-screen question
expect-text Wat wilt u nog kwijt over uw wijk?
expect-text Schrijf geen namen
expect-text 0 van 500 tekens
'

# 1. Accents, capitals and punctuation: exactly what was typed.
text="Één bankje bij de Vijver, graag! Łąka, ğ ş ç ı İ, ë ï ó ü é ê â - 's avonds?"
len=$(printf '%s' "$text" | python3 -c 'import sys; print(len(sys.stdin.read()))')
{ printf '%s' "$to_text"; echo "type $text"; echo "expect-text $len van 500 tekens"; echo "expect-text $text";
  echo "tap key-done"; echo "expect-screen thanks"; echo "tap done"; } > "$tmp/accents.script"
"$WIJKSTEM" --headless --poll over-u --data "$tmp/a" --script "$tmp/accents.script" || fail "typing accented text"
stored=$(q "$tmp/a/journal.sqlite" "SELECT value FROM answers WHERE question_id = 'nog-kwijt'")
[ "$stored" = "$text" ] || fail "stored '$stored', typed '$text'"
echo "ok: $len typed characters, accents and capitals, stored exactly"

# 2. Contact data is masked before it is stored; backspace works.
{ printf '%s' "$to_text"
  echo "type Bel mij: 06-12345678 of mail piet.jansen@example.nl xx"
  echo "tap key-backspace"; echo "tap key-backspace"; echo "tap key-backspace"
  echo "tap key-done"; echo "expect-screen thanks"; } > "$tmp/mask.script"
"$WIJKSTEM" --headless --poll over-u --data "$tmp/b" --script "$tmp/mask.script" || fail "typing contact data"
stored=$(q "$tmp/b/journal.sqlite" "SELECT value FROM answers WHERE question_id = 'nog-kwijt'")
[ "$stored" = "Bel mij: [tel] of mail [e-mail]" ] || fail "contact data not masked: '$stored'"
q "$tmp/b/journal.sqlite" "SELECT value FROM answers" | grep -q "12345678\|piet" && fail "the number or address is in the journal"
echo "ok: phone number and e-mail address stored masked"

# 3. The cap: 500 characters, then the keys do nothing.
long=$(python3 -c 'print(("meer groen " * 60)[:520])')
{ printf '%s' "$to_text"; echo "type $long"; echo "expect-text 500 van 500 tekens"; echo "tap key-done"; } > "$tmp/cap.script"
"$WIJKSTEM" --headless --poll over-u --data "$tmp/c" --script "$tmp/cap.script" || fail "typing past the cap"
n=$(q "$tmp/c/journal.sqlite" "SELECT length(value) FROM answers WHERE question_id = 'nog-kwijt'")
[ "$n" -le 500 ] && [ "$n" -ge 490 ] || fail "the stored text has $n characters"
echo "ok: the text stops at 500 characters (stored $n after trimming)"

# 4. Typed, not sent, time-out: nothing stored, and the next visitor sees an empty box.
{ printf '%s' "$to_text"; echo "type geheim"; echo "wait 61"; echo "expect-screen still-there"; echo "wait 21"
  echo "expect-screen attract"; printf '%s' "$to_text"; echo "expect-text Tik op de letters hieronder."
  echo "tap key-done"; echo "expect-screen thanks"; } > "$tmp/timeout.script"
"$WIJKSTEM" --headless --poll over-u --data "$tmp/d" --script "$tmp/timeout.script" || fail "time-out while typing"
[ "$(q "$tmp/d/journal.sqlite" "SELECT count(*) FROM answers")" = 0 ] || fail "text of an abandoned visit was stored"
echo "ok: text typed before a time-out is gone, nothing stored"

# 5. A script that types where there is no keyboard fails with a clear reason.
printf 'type hallo\n' > "$tmp/nokb.script"
if "$WIJKSTEM" --headless --data "$tmp/e" --script "$tmp/nokb.script" 2> "$tmp/nokb.err"; then fail "typing without a keyboard passed"; fi
grep -q "nokb.script:1: 'type' needs the on-screen keyboard" "$tmp/nokb.err" || fail "no clear reason: $(cat "$tmp/nokb.err")"
echo "ok: typing without a keyboard fails at its line"
