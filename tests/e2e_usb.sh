#!/usr/bin/env bash
# The USB path on the real binaries: a kiosk enrolled at a real store exports its waiting
# answers as a signed batch file, the store imports it. Idempotent (the same file twice,
# overlapping files, the same answers over the network afterwards); a truncated, a
# tampered and a re-labelled file are refused whole and change nothing.
# Usage: e2e_usb.sh WIJKSTEM SOURCE_DIR PNG_CHECK  (wijkstem-store sits next to WIJKSTEM)
set -euo pipefail
WIJKSTEM=$1
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh" # $tmp, $STORE; fail, json_field, q, start_store, ...
trap e2e_cleanup EXIT
count() { q "$store_db" 'SELECT count(*) FROM answers'; }
waiting() { "$WIJKSTEM" status --json --data "$tmp/k" | json_field waiting; }
snapshot() { store_snapshot "$store_db"; }

# A store on a free loopback port (for enrolment and the network sync at the end).
store_db=$(new_store_db store) # a file, or PostgreSQL under pg_cluster.sh (e2e_usb_pg)
start_store_anywhere "$store_db"

for k in k other; do
  code=$("$STORE" enroll-code --db "$store_db" --wijk Vinkhuizen)
  "$WIJKSTEM" enroll "$url" "$code" --data "$tmp/$k" > /dev/null || fail "kiosk $k could not enrol"
done
device=$(q "$tmp/k/journal.sqlite" 'SELECT id FROM device')
other=$(q "$tmp/other/journal.sqlite" 'SELECT id FROM device')

visit="$(quick_visit 4 ja groen nee)"$'\n'
visits() { for i in $(seq "$1"); do printf '%s' "$visit"; done > "$tmp/v.script"
           "$WIJKSTEM" --headless --no-sync --data "$tmp/k" --script "$tmp/v.script" || fail "the visits failed"; }
mkdir "$tmp/usb"

# 1. Nothing waiting: no file, a clear message, exit 0.
"$WIJKSTEM" export --out "$tmp/usb" --data "$tmp/k" > "$tmp/none.out" || fail "export with nothing waiting should exit 0"
grep -q "nothing is waiting" "$tmp/none.out" || fail "nothing waiting: $(cat "$tmp/none.out")"
[ -z "$(ls -A "$tmp/usb")" ] || fail "an export with nothing waiting wrote a file"
if "$WIJKSTEM" export --data "$tmp/k" 2> "$tmp/noout.err"; then fail "export without --out should fail"; fi
grep -q "needs --out" "$tmp/noout.err" || fail "export without --out: $(cat "$tmp/noout.err")"

# 2. Ten visits (40 answers), exported; exporting marks nothing synced.
visits 10
"$WIJKSTEM" export --out "$tmp/usb" --data "$tmp/k" > "$tmp/export1.out" || fail "export: $(cat "$tmp/export1.out")"
first=$tmp/usb/wijkstem-$device-1-40.json
[ -f "$first" ] || fail "no file $first: $(ls "$tmp/usb")"
[ "$(ls -A "$tmp/usb" | wc -l)" = 1 ] || fail "a temporary file was left behind: $(ls -A "$tmp/usb")"
grep -q "exported 40 answer(s), seq 1 to 40" "$tmp/export1.out" || fail "export said: $(cat "$tmp/export1.out")"
[ "$(waiting)" = 40 ] || fail "exporting should not mark answers synced"
echo "ok: 40 answers exported to $(basename "$first"), still waiting on the kiosk"

# 3. Import, then the same file again: stored once.
"$STORE" import --db "$store_db" "$first" > "$tmp/import1.out" || fail "import: $(cat "$tmp/import1.out")"
grep -q "40 stored, 0 already stored, 0 conflict(s), 0 invalid" "$tmp/import1.out" || fail "import: $(cat "$tmp/import1.out")"
[ "$(count)" = 40 ] || fail "the store should hold 40 answers, holds $(count)"
[ "$(q "$store_db" "SELECT count(*) FROM answers WHERE via = 'file' AND device_id = '$device'")" = 40 ] \
  || fail "the answers are not marked as come by file"
"$STORE" import --db "$store_db" "$first" > "$tmp/import2.out" || fail "import again: $(cat "$tmp/import2.out")"
grep -q "0 stored, 40 already stored" "$tmp/import2.out" || fail "import again: $(cat "$tmp/import2.out")"
[ "$(count)" = 40 ] || fail "importing twice stored answers twice"
echo "ok: imported 40; the same file again: 40 already stored"

# 4. More visits, another export: overlapping (1-40 still waiting, so 1-60 in the file).
visits 5
"$WIJKSTEM" export --out "$tmp/usb" --data "$tmp/k" > /dev/null || fail "second export"
second=$tmp/usb/wijkstem-$device-1-60.json
[ -f "$second" ] || fail "no file $second: $(ls "$tmp/usb")"
"$STORE" import --db "$store_db" "$second" > "$tmp/import3.out" || fail "import: $(cat "$tmp/import3.out")"
grep -q "20 stored, 40 already stored" "$tmp/import3.out" || fail "overlapping import: $(cat "$tmp/import3.out")"
"$STORE" import --db "$store_db" "$first" | grep -q "0 stored, 40 already stored" || fail "the older file again"
[ "$(count)" = 60 ] || fail "the store should hold 60 answers, holds $(count)"
diff <(q "$tmp/k/journal.sqlite" 'SELECT id, seq, value FROM answers ORDER BY seq') \
     <(q "$store_db" "SELECT id, seq, value FROM answers WHERE device_id = '$device' ORDER BY seq") \
  || fail "the store's answers differ from the kiosk's"
"$STORE" devices --db "$store_db" | grep -q "$device  *Vinkhuizen  *60  *60  *0  *enrolled" \
  || fail "devices: $("$STORE" devices --db "$store_db")"
echo "ok: overlapping files: 20 new, 40 already stored; the store holds each of the 60 answers once"

# 5. The same answers over the network afterwards: all already stored, nothing waiting.
"$WIJKSTEM" sync --data "$tmp/k" > "$tmp/sync.out" || fail "sync: $(cat "$tmp/sync.out")"
grep -q "0 stored, 60 already stored, 0 conflict(s), 0 invalid; 0 still waiting" "$tmp/sync.out" \
  || fail "sync: $(cat "$tmp/sync.out")"
[ "$(waiting)" = 0 ] || fail "answers still waiting after the sync"
[ "$(count)" = 60 ] || fail "the network sync stored answers twice"
"$WIJKSTEM" export --out "$tmp/usb" --data "$tmp/k" | grep -q "nothing is waiting" || fail "export after sync"
[ "$(ls -A "$tmp/usb" | wc -l)" = 2 ] || fail "an export with nothing waiting wrote a file"
echo "ok: the network sync afterwards: 60 already stored, nothing waiting"

# 6. Bad files are refused whole and change nothing. A fresh export (seq 61-68) so that
#    each bad copy carries answers the store does not have yet.
visits 2
"$WIJKSTEM" export --out "$tmp/usb" --data "$tmp/k" > /dev/null || fail "third export"
third=$tmp/usb/wijkstem-$device-61-68.json
[ -f "$third" ] || fail "no file $third: $(ls "$tmp/usb")"
before=$(snapshot)
refused() { # FILE PATTERN WHAT
  if "$STORE" import --db "$store_db" "$1" > "$tmp/bad.out" 2> "$tmp/bad.err"; then fail "$3 was imported"; fi
  grep -q "nothing was stored: .*$2" "$tmp/bad.err" || fail "$3: no clear message: $(cat "$tmp/bad.err")"
  [ "$(snapshot)" = "$before" ] || fail "$3 changed the store"
  echo "ok: $3 refused: $(sed 's/.*nothing was stored: //' "$tmp/bad.err")"
}
size=$(stat -c %s "$third")
head -c $(( size / 2 )) "$third" > "$tmp/truncated.json"
refused "$tmp/truncated.json" "cut off" "a file cut in half"
head -c $(( size - 3 )) "$third" > "$tmp/truncated2.json"
refused "$tmp/truncated2.json" "cut off" "a file missing its last bytes"
sed '0,/\\"value\\":\\"4\\"/s//\\"value\\":\\"1\\"/' "$third" > "$tmp/tampered.json"
! cmp -s "$third" "$tmp/tampered.json" || fail "the tampering did not change the file"
refused "$tmp/tampered.json" "SHA-256" "a file with a changed answer"
sed 's/\(\\"seq_to\\":\)68/\169/' "$third" > "$tmp/manifest.json"
! cmp -s "$third" "$tmp/manifest.json" || fail "the manifest tampering did not change the file"
refused "$tmp/manifest.json" "signature does not match" "a file with a changed manifest"
sed "s/$device/$other/g" "$third" > "$tmp/relabelled.json"
refused "$tmp/relabelled.json" "signature does not match kiosk $other" "a file put in another kiosk's name"
# A kiosk that never enrolled anywhere.
printf '%s' "$visit" > "$tmp/s.script"
"$WIJKSTEM" --headless --no-sync --data "$tmp/stranger" --script "$tmp/s.script" || fail "the stranger's visit"
mkdir "$tmp/usb2"
"$WIJKSTEM" export --out "$tmp/usb2" --data "$tmp/stranger" > /dev/null 2> "$tmp/stranger.err" || fail "stranger export"
grep -q "not enrolled at a store" "$tmp/stranger.err" || fail "export of an unenrolled kiosk gives no note"
refused "$(ls "$tmp"/usb2/*.json)" "not enrolled at this store" "a file of a kiosk the store does not know"
if "$STORE" import --db "$store_db" "$tmp/usb/no-such.json" 2> "$tmp/missing.err"; then fail "a missing file imported"; fi
grep -q "cannot open" "$tmp/missing.err" || fail "missing file: $(cat "$tmp/missing.err")"

# ... and the good copy still goes in.
"$STORE" import --db "$store_db" "$third" > "$tmp/import4.out" || fail "import: $(cat "$tmp/import4.out")"
grep -q "8 stored, 0 already stored" "$tmp/import4.out" || fail "the good third file: $(cat "$tmp/import4.out")"
[ "$(count)" = 68 ] || fail "the store should hold 68 answers, holds $(count)"
[ "$(q "$store_db" 'SELECT count(*) FROM conflicts')" = 0 ] || fail "conflicts at the store"
[ "$(store_intact "$store_db")" = ok ] || fail "the store's database is not whole: $(store_intact "$store_db")"
echo "ok: the good file after the bad ones: 8 stored; 68 answers, no conflicts"
