#!/usr/bin/env bash
# A kiosk that protects itself, on the real binary (headless, virtual clock; and under
# Xvfb for the window): set-pin refuses anything but 4-8 digits and stores a hash; a
# press of 3 s in the bottom-left corner opens the PIN screen, a shorter one nothing;
# wrong PINs get growing delays (a try during one is refused unchecked, after `wait` it
# is checked again); the right PIN opens the admin screen with the waiting count; every
# attempt is in the journal and the log, never the digits; a visit within 5 s of the
# last is refused in words and starts after `wait 5`; a rapid repeat visit is stored
# flagged; "Kiosk afsluiten" is the only way out of a full-screen kiosk, which also
# takes the focus back when it loses it.
# Usage: e2e_admin.sh WIJKSTEM SOURCE_DIR PNG_CHECK X_WINDOW
set -euo pipefail
WIJKSTEM=$1 SRC=$2 PNG_CHECK=$3 X_WINDOW=$4
tmp=$(mktemp -d)
kiosk_pid=
trap '[ -z "$kiosk_pid" ] || kill "$kiosk_pid" 2> /dev/null || true; rm -rf "$tmp"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh" # fail, json_field, q, start_store, enrol_kiosk
command -v sqlite3 > /dev/null || fail "the sqlite3 command-line tool is missing (tools/install-deps.sh installs it)"
data=$tmp/data
db=$data/journal.sqlite
q() { sqlite3 -batch "$db" "$1"; }
run() { # NAME: runs $tmp/NAME.script headless on $data; fails the test with the kiosk's words
  "$WIJKSTEM" --headless --no-sync --data "$data" --script "$tmp/$1.script" > "$tmp/$1.out" 2> "$tmp/$1.err" \
    || fail "$1: $(cat "$tmp/$1.err")"
}

# --- 1. No PIN yet: the PIN screen says how to set one, and opens nothing ------------
cat > "$tmp/nopin.script" <<'S'
hold admin-corner 3
expect-screen pin
expect-text Er is nog geen pincode. Stel er een in met het commando: wijkstem set-pin
tap pin-1
tap pin-2
tap pin-3
tap pin-4
tap OK
expect-screen pin
tap Annuleren
expect-screen attract
S
run nopin
echo "ok: without a PIN the PIN screen says to run wijkstem set-pin, and stays shut"

# --- 2. set-pin: 4 to 8 digits from stdin, anything else refused -----------------------
for bad in "" 123 123456789 12a4 "12 34"; do
  rc=0
  printf '%s\n' "$bad" | "$WIJKSTEM" set-pin --data "$data" > /dev/null 2> "$tmp/setpin.err" || rc=$?
  [ "$rc" = 2 ] || fail "set-pin '$bad' should exit 2, got $rc"
  grep -q "no PIN was set" "$tmp/setpin.err" || fail "set-pin '$bad': unclear refusal: $(cat "$tmp/setpin.err")"
done
[ "$(q 'SELECT count(*) FROM admin_pin')" = 0 ] || fail "a refused PIN was stored"
echo 4711 | "$WIJKSTEM" set-pin --data "$data" > "$tmp/setpin.out" || fail "set-pin 4711"
hash=$(q 'SELECT hash FROM admin_pin')
case "$hash" in '$argon2id$'*) ;; *) fail "the PIN is not stored as an Argon2id hash: $hash" ;; esac
[[ "$hash" != *4711* ]] || fail "the hash contains the PIN"
echo "ok: set-pin refuses '', 123, 123456789, 12a4, '12 34'; stores 4711 as a salted Argon2id hash"

# --- 3. Visits: the 5 s gap, said in words, and a rapid repeat stored flagged ----------
cat > "$tmp/visits.script" <<'S'
tap start
tap prettig-wonen.4
tap weet-wie-beslist.ja
tap wijkbudget-naar.groen
tap meer-zeggenschap.nee
expect-screen thanks
tap done
expect-screen attract
# Too soon: refused, and the screen says why and how long.
tap start
expect-screen attract
expect-text Een moment alstublieft. Over 5 seconden kunt u beginnen.
wait 2
tap praatplaat
expect-screen attract
expect-text Over 3 seconden
wait 3
# The same four answers, 5 s after the last visit: stored, flagged.
tap start
expect-screen question
tap prettig-wonen.4
tap weet-wie-beslist.ja
tap wijkbudget-naar.groen
tap meer-zeggenschap.nee
tap done
wait 5
# Other answers: counted as usual.
tap start
tap prettig-wonen.2
tap stop
tap done
S
run visits
json=$("$WIJKSTEM" status --json --data "$data")
[ "$(echo "$json" | json_field answers)" = 9 ] || fail "status: expected 9 answers: $json"
[ "$(echo "$json" | json_field visits)" = 3 ] || fail "status: expected 3 visits: $json"
[ "$(echo "$json" | json_field visits_flagged)" = 1 ] || fail "status: expected 1 flagged visit: $json"
[ "$(echo "$json" | json_field visits_counted)" = 2 ] || fail "status: expected 2 counted visits: $json"
[ "$(echo "$json" | json_field answers_flagged)" = 4 ] || fail "status: expected 4 flagged answers: $json"
[ "$(echo "$json" | json_field sessions)" = 3 ] || fail "status: the old keys must stay: $json"
[ "$(q "SELECT group_concat(flagged, '') FROM (SELECT flagged FROM answers ORDER BY seq)")" = 000011110 ] \
  || fail "the journal's flags per answer: $(q "SELECT seq, question_id, value, flagged FROM answers")"
"$WIJKSTEM" status --data "$data" | grep -q "visits: *2 counted, 1 flagged as a repeat" \
  || fail "status text: $("$WIJKSTEM" status --data "$data")"
echo "ok: a visit 0 s and 2 s after the last is refused in words, starts after 5 s; the repeat is stored flagged"

# --- 4. The PIN: a short press, growing delays, the admin screen ---------------------
cat > "$tmp/pin.script" <<'S'
hold admin-corner 2.9
expect-screen attract
hold admin-corner 3
expect-screen pin
# Two wrong PINs: no delay yet.
tap pin-1
tap pin-1
tap pin-1
tap pin-1
tap OK
expect-text Deze pincode klopt niet.
tap pin-1
tap pin-2
tap pin-3
tap pin-4
tap OK
expect-text Deze pincode klopt niet.
# The third: 5 s.
tap pin-9
tap pin-9
tap pin-9
tap pin-9
tap OK
expect-text Te vaak een verkeerde pincode. Probeer het over 5 seconden opnieuw.
# The right PIN during the delay is not even checked.
wait 1
tap pin-4
tap pin-7
tap pin-1
tap pin-1
tap OK
expect-screen pin
expect-text Probeer het over 4 seconden opnieuw.
wait 4
# Checked again after the delay; the fourth wrong one: 10 s.
tap pin-0
tap pin-0
tap pin-0
tap pin-0
tap OK
expect-text Probeer het over 10 seconden opnieuw.
wait 10
tap pin-4
tap pin-7
tap pin-1
tap pin-1
tap OK
expect-screen admin
expect-text Beheer van deze kiosk
expect-text Wachten op synchronisatie: 9
expect-text Antwoorden opgeslagen: 9
expect-text Bezoeken: 2 geteld, 1 gemarkeerd als herhaling
expect-text Laatste geslaagde synchronisatie: nog nooit
expect-text Laatste fout: geen
expect-text Pogingen met de pincode: 6, waarvan 4 fout
tap Nu synchroniseren
expect-text Deze kiosk is niet aangemeld bij de gemeente
# Left open, it goes back to the start by itself.
wait 60
expect-screen attract
S
run pin
[ "$(q "SELECT group_concat(result, ',') FROM (SELECT result FROM pin_attempts ORDER BY id)")" = \
  wrong,wrong,wrong,delayed,wrong,ok ] || fail "pin_attempts: $(q 'SELECT * FROM pin_attempts')"
[ "$(q "SELECT count(*) FROM pin_attempts WHERE at NOT LIKE '20__-__-__T__:__:__.___Z'")" = 0 ] \
  || fail "an attempt without its time: $(q 'SELECT * FROM pin_attempts')"
[ "$(q 'SELECT count(*) FROM pin_attempts WHERE ok')" = 1 ] || fail "exactly one attempt was right"
[ "$(grep -c 'admin PIN attempt: wrong' "$data/kiosk.log")" = 4 ] || fail "kiosk.log: $(cat "$data/kiosk.log")"
grep -q 'admin PIN attempt: delayed' "$data/kiosk.log" || fail "the delayed attempt is not in kiosk.log"
grep -q 'admin PIN attempt: ok' "$data/kiosk.log" || fail "the right attempt is not in kiosk.log"
if grep -qE '4711|1111|1234|9999|0000' "$data/kiosk.log" "$tmp/pin.out" "$tmp/pin.err"; then
  fail "a PIN's digits are in the log or the output"
fi
if sqlite3 "$db" .dump | grep -qE '4711|1111|9999'; then fail "a PIN's digits are in the journal"; fi
echo "ok: 2.9 s opens nothing; wrong PINs: none, none, 5 s, (refused unchecked), 10 s; the right one opens admin"
echo "ok: admin shows 9 waiting, 2 counted / 1 flagged visits, 6 attempts; each attempt in journal and log, no digits"

# --- 5. Wrong PINs in a row survive a restart; Kiosk afsluiten ends the run ----------
cat > "$tmp/wrong3.script" <<'S'
hold admin-corner 3
tap pin-1
tap pin-1
tap pin-1
tap pin-1
tap OK
tap pin-1
tap pin-1
tap pin-1
tap pin-1
tap OK
tap pin-1
tap pin-1
tap pin-1
tap pin-1
tap OK
expect-text over 5 seconden
S
run wrong3
cat > "$tmp/restart.script" <<'S'
hold admin-corner 3
expect-text Te vaak een verkeerde pincode. Probeer het over 5 seconden opnieuw.
tap pin-4
tap pin-7
tap pin-1
tap pin-1
tap OK
expect-screen pin
wait 5
tap pin-4
tap pin-7
tap pin-1
tap pin-1
tap OK
expect-screen admin
tap Kiosk afsluiten
S
run restart
[ "$(q "SELECT group_concat(result, ',') FROM (SELECT result FROM pin_attempts ORDER BY id DESC LIMIT 2)")" = ok,delayed ] \
  || fail "after a restart the right PIN should be refused during the delay, then accepted"
grep -q 'the kiosk is closed (Kiosk afsluiten)' "$data/kiosk.log" || fail "the quit is not in kiosk.log"
printf '%s\n' "hold admin-corner 3" tap\ pin-{4,7,1,1} "tap OK" "expect-screen admin" "tap Kiosk afsluiten" \
  "expect-screen attract" > "$tmp/after.script"
rc=0
"$WIJKSTEM" --headless --no-sync --data "$data" --script "$tmp/after.script" > /dev/null 2> "$tmp/after.err" || rc=$?
[ "$rc" = 1 ] && grep -q "after.script:9: the kiosk was closed (Kiosk afsluiten) before this line" "$tmp/after.err" \
  || fail "a line after Kiosk afsluiten should fail the run, got $rc: $(cat "$tmp/after.err")"
echo "ok: three wrong PINs still lock the keypad after a restart; Kiosk afsluiten closes the kiosk"

# --- 6. Under Xvfb: the screenshots, a refused close, the focus taken back -----------
command -v xvfb-run > /dev/null || fail "xvfb-run is missing (make test installs the Debian package xvfb)"
# Each Xvfb from a random display number: other test runs on this machine start at 99,
# and two servers racing for one number could put our window on another run's screen.
sed "s#assets/screenshots/#$tmp/#" "$SRC/tests/scripts/admin-screenshots.script" > "$tmp/shots.script"
echo 4711 | "$WIJKSTEM" set-pin --data "$tmp/shots" > /dev/null
xvfb-run -a -n $(( 200 + RANDOM % 700 )) -s "-screen 0 1920x1080x24" "$WIJKSTEM" --no-sync --data "$tmp/shots" --script "$tmp/shots.script" \
  2> "$tmp/shots.err" || fail "the admin screenshot script: $(cat "$tmp/shots.err")"
for shot in admin-pin admin; do
  "$PNG_CHECK" "$tmp/$shot.png" 1920 1080 || fail "$shot.png is missing, too small or blank"
done
cmp -s "$tmp/admin-pin.png" "$tmp/admin.png" && fail "the PIN and admin screenshots are identical"
echo "ok: admin-pin.png and admin.png under Xvfb, not blank"

# A close request (what Alt+F4 or a window manager's close button sends) while the kiosk
# runs a script of short sleeps: refused in full screen, honoured in a --windowed one.
for i in $(seq 40); do echo "sleep 0.25"; done > "$tmp/sleepy.script"
echo "expect-screen attract" >> "$tmp/sleepy.script"
close_test() { # MODE [ARGS...]: runs the kiosk, sends the close, sets $close_rc
  local mode=$1; shift
  : > "$tmp/$mode.log"
  xvfb-run -a -n $(( 200 + RANDOM % 700 )) -s "-screen 0 1920x1080x24" bash -c '
    "$1" --no-sync --data "$2" --script "$3" "${@:6}" 2> "$4" & pid=$!
    "$5" close Wijkstem $pid > /dev/null || { kill $pid; exit 99; }
    wait $pid' _ "$WIJKSTEM" "$tmp/$mode-data" "$tmp/sleepy.script" "$tmp/$mode.err" "$X_WINDOW" "$@" \
    && close_rc=0 || close_rc=$?
}
close_test fullscreen
[ "$close_rc" = 0 ] || fail "full screen: the close request ended the kiosk (status $close_rc): $(cat "$tmp/fullscreen.err")"
grep -q "a request to close the window was refused" "$tmp/fullscreen-data/kiosk.log" \
  || fail "full screen: the close request never arrived (nothing in kiosk.log), so this proves nothing"
close_test windowed --windowed 1280x720
[ "$close_rc" = 1 ] && grep -q "sleepy.script:[0-9]*: the window was closed" "$tmp/windowed.err" \
  || fail "--windowed: the close request should close the window (status $close_rc): $(cat "$tmp/windowed.err")"
echo "ok: a close request is refused in full screen (and logged), honoured with --windowed"

# The focus: another program takes it; the full-screen kiosk takes it back.
xvfb-run -a -n $(( 200 + RANDOM % 700 )) -s "-screen 0 1920x1080x24" bash -c '
  "$1" --no-sync --data "$2" --script "$3" 2> "$4" & pid=$!
  "$5" unfocus Wijkstem $pid > "$6" || { kill $pid; exit 99; }
  wait $pid' _ "$WIJKSTEM" "$tmp/focus-data" "$tmp/sleepy.script" "$tmp/focus.err" "$X_WINDOW" "$tmp/focus.out" \
  || fail "the focus was not taken back: $(cat "$tmp/focus.out" "$tmp/focus.err")"
grep -q "full screen and focus taken back" "$tmp/focus-data/kiosk.log" || fail "no log line for the focus taken back"
echo "ok: the full-screen kiosk takes the focus back when another window takes it"
