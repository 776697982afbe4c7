#!/usr/bin/env bash
# A write that fails shows "Er ging iets mis", never thanks; nothing is lost or
# half-stored; the kiosk keeps running. Drives the real binary on a real journal.
# Usage: e2e_journal_failure.sh WIJKSTEM SOURCE_DIR [PNG_CHECK]
set -euo pipefail
WIJKSTEM=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

visit='tap start
tap prettig-wonen.4
tap weet-wie-beslist.ja
tap wijkbudget-naar.groen
tap meer-zeggenschap.nee
expect-screen thanks
tap done
'
answers() { "$WIJKSTEM" status --json --data "$1" | sed -n 's/.*"answers": \([0-9]*\).*/\1/p'; }

# 1. The database refuses the row (a trigger stands in for any failing INSERT).
data=$tmp/refuse
printf '%s' "$visit" > "$tmp/visit.script"
"$WIJKSTEM" --headless --data "$data" --script "$tmp/visit.script" > /dev/null
[ "$(answers "$data")" = 4 ] || fail "a normal visit should store 4 answers"
sqlite3 "$data/journal.sqlite" "CREATE TRIGGER refuse BEFORE INSERT ON answers BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END;"
cat > "$tmp/refused.script" <<'S'
tap start
tap prettig-wonen.2
expect-screen error
expect-text Er ging iets mis, uw antwoord is niet opgeslagen
wait 31
expect-screen attract
tap start
expect-text Vraag 1 van 4
S
"$WIJKSTEM" --headless --data "$data" --script "$tmp/refused.script" --trace > "$tmp/refused.out" 2> "$tmp/refused.err" \
  || fail "the refused-write script failed: $(cat "$tmp/refused.err")"
grep -q '^screen thanks' "$tmp/refused.out" && fail "thanks was shown after a failed write"
grep -q '^committed' "$tmp/refused.out" && fail "a failed write was reported as committed"
grep -q 'simulated write failure' "$data/kiosk.log" || fail "the failure is not in kiosk.log"
[ "$(answers "$data")" = 4 ] || fail "the failed answer changed the journal"
[ "$(sqlite3 "$data/journal.sqlite" 'SELECT last_seq FROM device')" = 4 ] || fail "the sequence moved on a failed write"
echo "ok: refused write -> error screen, nothing stored, logged"

# 2. A full disk: the journal may not grow past 64 KiB (RLIMIT_FSIZE; writes then
#    fail with EFBIG, as on a full card). Visits go on until writes fail.
data=$tmp/full
"$WIJKSTEM" status --data "$data" > /dev/null
for i in $(seq 1 60); do printf '%s' "$visit"; done | sed '/expect-screen/d' > "$tmp/many.script"
set +e
( trap '' XFSZ; ulimit -f 64; exec "$WIJKSTEM" --headless --data "$data" --script "$tmp/many.script" --trace ) \
  > "$tmp/full.out" 2> "$tmp/full.err"
status=$?
set -e
[ $status -lt 128 ] || fail "the kiosk crashed on a full disk (status $status)"
grep -q '^screen error' "$tmp/full.out" || fail "the full disk never showed the error screen"
[ "$(sqlite3 "$data/journal.sqlite" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after a full disk"
stored=$(answers "$data")
shown=$(grep -c '^shown ' "$tmp/full.out" || true)
for id in $(sed -n 's/^shown //p' "$tmp/full.out"); do
  [ "$(sqlite3 "$data/journal.sqlite" "SELECT count(*) FROM answers WHERE id='$id'")" = 1 ] \
    || fail "thanked answer $id is not in the journal exactly once"
done
echo "ok: full disk -> error screen; $shown thanked answers, $stored stored, journal intact"

# 3. A journal that is not a database: a clear message and exit 1, no crash.
data=$tmp/corrupt
mkdir -p "$data"
head -c 8192 /dev/urandom > "$data/journal.sqlite"
set +e
"$WIJKSTEM" --headless --data "$data" --script "$tmp/visit.script" > /dev/null 2> "$tmp/corrupt.err"
status=$?
set -e
[ $status = 1 ] || fail "a corrupt journal should exit 1, got $status"
grep -q 'journal' "$tmp/corrupt.err" || fail "no message about the journal: $(cat "$tmp/corrupt.err")"
echo "ok: corrupt journal -> $(head -1 "$tmp/corrupt.err")"
