#!/usr/bin/env bash
# The idle time-out on the real binary with a virtual clock: "Bent u er nog?" after
# 60 s, back to attract 20 s later, and the next visitor starts clean.
# Usage: e2e_idle.sh WIJKSTEM SOURCE_DIR [PNG_CHECK]
set -euo pipefail
WIJKSTEM=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cat > "$tmp/idle.script" <<'S'
tap start
tap prettig-wonen.5
expect-text Vraag 2 van 4
wait 59
expect-screen question
wait 1
expect-screen still-there
expect-text Bent u er nog?
expect-text Over 20 seconden
wait 5
expect-text Over 15 seconden
tap continue
expect-screen question
expect-text Vraag 2 van 4
wait 60
expect-screen still-there
wait 19.5
expect-screen still-there
wait 0.5
expect-screen attract
tap start
expect-text Vraag 1 van 4
tap prettig-wonen.1
wait 200
expect-screen attract
S
start=$(date +%s%N)
"$WIJKSTEM" --headless --data "$tmp/data" --script "$tmp/idle.script" || fail "idle script"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
json=$("$WIJKSTEM" status --json --data "$tmp/data")
echo "$json" | grep -q '"answers": 2' || fail "expected 2 answers: $json"
echo "$json" | grep -q '"sessions": 2' || fail "expected 2 sessions: $json"
echo "ok: 60 s + 20 s time-outs, twice, in ${ms} ms of real time"

# A longer time-out from the command line.
cat > "$tmp/long.script" <<'S'
tap start
wait 100
expect-screen question
wait 20
expect-screen still-there
S
"$WIJKSTEM" --headless --idle-timeout 120 --data "$tmp/data2" --script "$tmp/long.script" || fail "--idle-timeout 120"
echo "ok: --idle-timeout 120"

# WCAG 2.2.1: the warning comes 20 s before the reset, says so, and one tap extends
# the visit, ten times over and more. Large text and contrast chosen by this visitor are
# gone when the next one comes.
{ echo "tap larger-text"; echo "tap contrast"; echo "tap start"; echo "tap prettig-wonen.3"
  for i in $(seq 12); do
    echo "wait 60"; echo "expect-screen still-there"; echo "expect-text Over 20 seconden"
    echo "wait 19"; echo "expect-screen still-there"; echo "expect-text Over 1 seconden"
    echo "tap continue"; echo "expect-screen question"; echo "expect-text Vraag 2 van 4"
  done
  echo "expect-text A- kleiner"
  echo "wait 60"; echo "wait 20"; echo "expect-screen attract"; echo "expect-text A+ groter"; } > "$tmp/extend.script"
"$WIJKSTEM" --headless --data "$tmp/data3" --script "$tmp/extend.script" || fail "twelve extensions"
json=$("$WIJKSTEM" status --json --data "$tmp/data3")
echo "$json" | grep -q '"answers": 1' || fail "expected the 1 answer given before the extensions: $json"
echo "ok: the warning 20 s before the reset, extended 12 times, then reset to the defaults"

# Between visits the attract screen alternates the invitation with how the wijk
# answered: only from 5 answers to a question, with new figures at most every 2 minutes.
# Visits 31 s apart: the same answers within 30 s are a flagged repeat, not counted.
{ for i in 1 2 3 4; do echo "tap start"; echo "tap prettig-wonen.4"; echo "tap stop"; echo "tap done"; echo "wait 31"; done
  echo "wait 121"; echo "tap start"; echo "tap prettig-wonen.2"; echo "tap stop"; echo "tap done"
  echo "wait 10"; echo "expect-text Praat mee over uw wijk"
  echo "expect-text Zo antwoordde de wijk tot nu toe: 80% koos „Goed” bij de vraag: Hoe prettig woont u in uw wijk?"
  echo "wait 10"; echo "expect-text Tik op een knop om te beginnen"; } > "$tmp/results.script"
"$WIJKSTEM" --headless --data "$tmp/data4" --script "$tmp/results.script" || fail "the attract screen's results"
echo "ok: the attract screen shows the wijk's answer (80% of 5), then the invitation again"
