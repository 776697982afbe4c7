#!/usr/bin/env bash
# Opening hours on the real kiosk (docs/install.md): status shows them (open_now); outside
# them the windowed kiosk's screen goes dark and it uses no CPU; a touch wakes it.
# Usage: e2e_opening_hours.sh WIJKSTEM SOURCE_DIR PNG_CHECK X_WINDOW
set -euo pipefail
WIJKSTEM=$1 X_WINDOW=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
days=(ma di wo do vr za zo)
today=${days[$(( $(date +%u) - 1 ))]}
other=${days[$(( $(date +%u) % 7 ))]} # tomorrow: closed all of today
printf '# open all day today\n%s 00:00-24:00\n' "$today" > "$tmp/open"
printf '# closed today\n%s 09:00-17:00\n' "$other" > "$tmp/closed"
printf 'ma-vr 09:00-17:00\nza 10:00-25:00\n' > "$tmp/bad"

# 1. status and status --json.
"$WIJKSTEM" status --json --data "$tmp/d" --opening-hours "$tmp/open" | grep -q '"open_now": true' || fail "open file: not open_now"
"$WIJKSTEM" status --json --data "$tmp/d" --opening-hours "$tmp/closed" > "$tmp/closed.json"
grep -q '"open_now": false' "$tmp/closed.json" || fail "closed file: open_now: $(cat "$tmp/closed.json")"
grep -q "\"opening_hours\": \"$other 09:00-17:00\"" "$tmp/closed.json" || fail "closed file: $(cat "$tmp/closed.json")"
"$WIJKSTEM" status --json --data "$tmp/d" | grep -q '"open_now": true' || fail "no file: not always open"
"$WIJKSTEM" status --data "$tmp/d" --opening-hours "$tmp/closed" | grep -q "^open now: *no" || fail "status has no 'open now: no' line"
"$WIJKSTEM" status --data "$tmp/d" --opening-hours "$tmp/bad" > "$tmp/bad.out" || fail "status failed on a bad hours file"
grep -q "hours error: *$tmp/bad:2:4: '10:00-25:00' is not a period" "$tmp/bad.out" || fail "bad file: $(cat "$tmp/bad.out")"
echo "ok: status shows the opening hours, open_now, and a bad file's FILE:LINE:COL"

# 2. The kiosk outside the hours: dark, idle, woken by a touch.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
xvfb-run -a -n $(( 200 + RANDOM % 700 )) -s "-screen 0 1280x720x24" bash -c '
  "$1" --windowed 800x600 --no-sync --data "$2" --opening-hours "$3" 2> "$2.err" & pid=$!
  for i in $(seq 100); do grep -q "screen is dark" "$2/kiosk.log" 2> /dev/null && break; sleep 0.1; done
  sleep 1
  a=$(awk "{ print \$14 + \$15 }" /proc/$pid/stat); sleep 5; b=$(awk "{ print \$14 + \$15 }" /proc/$pid/stat)
  echo "dark_ticks=$((b - a))" > "$5"
  "$4" touch Wijkstem $pid >> "$5" || { kill $pid; exit 99; }
  sleep 2
  kill $pid; wait $pid 2> /dev/null; exit 0' _ "$WIJKSTEM" "$tmp/k" "$tmp/closed" "$X_WINDOW" "$tmp/run.out" \
  || fail "the kiosk run failed: $(cat "$tmp/run.out" "$tmp/k.err" 2> /dev/null)"
grep -q "outside the opening hours: the screen is dark until touched" "$tmp/k/kiosk.log" \
  || fail "the closed kiosk did not go dark: $(cat "$tmp/k/kiosk.log" "$tmp/k.err" "$tmp/run.out" 2>&1)"
ticks=$(sed -n 's/^dark_ticks=//p' "$tmp/run.out")
[ "$ticks" -le 10 ] || fail "the dark kiosk used $ticks clock ticks of CPU in 5 s (want about none)"
grep -q "touched outside the opening hours: awake for a visit" "$tmp/k/kiosk.log" \
  || fail "a touch did not wake it: $(cat "$tmp/k/kiosk.log")"
echo "ok: outside the hours the screen is dark ($ticks ticks of CPU in 5 s), and a touch wakes it"

# 3. The admin screen says the hours and whether the building is open now.
echo 4711 | "$WIJKSTEM" set-pin --data "$tmp/a" > /dev/null
for f in closed open; do
  if [ $f = closed ]; then want="Openingstijden: $other 09:00-17:00. Nu dicht"; else want="Openingstijden: $today 00:00-24:00. Nu open"; fi
  printf 'hold admin-corner 3\nexpect-screen pin\ntap pin-4\ntap pin-7\ntap pin-1\ntap pin-1\ntap OK\nexpect-screen admin\nexpect-text %s\n' \
    "$want" > "$tmp/admin-$f.script"
  "$WIJKSTEM" --headless --no-sync --data "$tmp/a" --opening-hours "$tmp/$f" --script "$tmp/admin-$f.script" \
    > "$tmp/admin-$f.out" 2>&1 || fail "the admin screen ($f) does not say '$want': $(tail -3 "$tmp/admin-$f.out")"
done
printf 'hold admin-corner 3\ntap pin-4\ntap pin-7\ntap pin-1\ntap pin-1\ntap OK\nexpect-screen admin\nexpect-text Openingstijden: geen ingesteld, het scherm blijft altijd aan.\n' \
  > "$tmp/admin-none.script"
"$WIJKSTEM" --headless --no-sync --data "$tmp/a" --script "$tmp/admin-none.script" > "$tmp/admin-none.out" 2>&1 \
  || fail "the admin screen without hours: $(tail -3 "$tmp/admin-none.out")"
echo "ok: the admin screen shows the opening hours and open or closed now"
