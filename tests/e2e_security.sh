#!/usr/bin/env bash
# The penetration test's attacks on the real binaries (docs/security.md): a kiosk taken
# over at enrolment, input with terminal escapes, codes that expire and are cancelled,
# the code from stdin, http:// off this machine, files other users could read, a 60 MiB
# unsigned USB file, and the per-device quota. Each shows the attack refused.
# Usage: e2e_security.sh WIJKSTEM SOURCE_DIR PNG_CHECK  (wijkstem-store sits next to WIJKSTEM)
set -euo pipefail
WIJKSTEM=$1
STORE=$(dirname "$WIJKSTEM")/wijkstem-store
umask 022 # as a careless shell has it: the programs must not depend on it
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done; wait 2> /dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for l in "$tmp"/*.log; do [ -f "$l" ] && sed "s|^|  $(basename "$l"): |" "$l" >&2; done; exit 1; }
q() { sqlite3 -batch "$1" "$2"; }

# A store on a free loopback port: serve DB LOG [options]; sets $url.
serve() {
  local db=$1 log=$2; shift 2
  for try in 1 2 3 4 5; do
    port=$(( 20000 + (RANDOM % 20000) ))
    "$STORE" serve --db "$db" --listen "127.0.0.1:$port" "$@" 2> "$log" &
    local pid=$!
    for i in $(seq 50); do grep -q listening "$log" && break; kill -0 "$pid" 2> /dev/null || break; sleep 0.05; done
    if grep -q listening "$log"; then pids+=("$pid"); url=http://127.0.0.1:$port; return 0; fi
  done
  fail "the store did not start"
}
serve "$tmp/store.db" "$tmp/store.log"

# --- 11/14: the code from stdin, codes listed without the code, cancelled, checked input ---
code=$("$STORE" enroll-code --db "$tmp/store.db" --wijk Selwerd)
echo "$code" | "$WIJKSTEM" enroll "$url" --data "$tmp/k" > "$tmp/enrol.out" || fail "enrolment with the code on stdin"
grep -q "enrolled at $url for Selwerd" "$tmp/enrol.out" || fail "enrol: $(cat "$tmp/enrol.out")"
device=$(q "$tmp/k/journal.sqlite" 'SELECT id FROM device')
token=$(q "$tmp/k/journal.sqlite" 'SELECT token FROM store')
if "$WIJKSTEM" enroll "$url" --data "$tmp/empty" < /dev/null 2> "$tmp/empty.err"; then fail "an empty code enrolled"; fi
grep -q "reads the code from stdin" "$tmp/empty.err" || fail "empty code: $(cat "$tmp/empty.err")"

code2=$("$STORE" enroll-code --db "$tmp/store.db" --wijk Oosterpark --valid-days 2)
"$STORE" enroll-codes --db "$tmp/store.db" > "$tmp/codes.out"
grep -q "$code2" "$tmp/codes.out" && fail "enroll-codes shows a code itself"
grep -q "Oosterpark" "$tmp/codes.out" || fail "enroll-codes: $(cat "$tmp/codes.out")"
[ "$(grep -c . "$tmp/codes.out")" = 2 ] || fail "the used code is still listed: $(cat "$tmp/codes.out")"
short=$(awk '/Oosterpark/ {print $1}' "$tmp/codes.out")
expires=$(awk '/Oosterpark/ {print $4}' "$tmp/codes.out")
[ "${expires:0:10}" = "$(date -u -d '+2 days' +%Y-%m-%d)" ] || fail "--valid-days 2 expires on $expires"
"$STORE" cancel-code --db "$tmp/store.db" "$short" > /dev/null || fail "cancel-code"
if echo "$code2" | "$WIJKSTEM" enroll "$url" --data "$tmp/c" 2> "$tmp/cancelled.err"; then fail "a cancelled code enrolled"; fi
grep -q "unknown or already used" "$tmp/cancelled.err" || fail "cancelled: $(cat "$tmp/cancelled.err")"
echo "ok: the code read from stdin; enroll-codes lists no code; a cancelled code is refused"

code3=$("$STORE" enroll-code --db "$tmp/store.db" --wijk Oosterpark)
pub=$(q "$tmp/k/journal.sqlite" 'SELECT public_key FROM device')
enrol() { curl -s -o "$tmp/body" -w '%{http_code}' -X POST "$url/v1/enroll" -H 'Content-Type: application/json' --data "$1"; }
[ "$(enrol "{\"code\":\"$code3\",\"device_id\":\"\\u001b[31mrood\\u001b[0m\",\"public_key\":\"$pub\"}")" = 400 ] \
  || fail "a device id with ANSI escapes: $(cat "$tmp/body")"
[ "$(enrol "{\"code\":\"$code3\",\"device_id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"public_key\":\"$(printf 'zz%.0s' $(seq 32))\"}")" = 400 ] \
  || fail "a key that is not hex: $(cat "$tmp/body")"
[ "$(enrol "{\"code\":\"$code3\",\"device_id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"public_key\":\"02$(printf '0%.0s' $(seq 62))\"}")" = 400 ] \
  || fail "a key that is no Ed25519 point: $(cat "$tmp/body")"
[ "$(q "$tmp/store.db" 'SELECT count(*) FROM devices')" = 1 ] || fail "a refused enrolment stored a device"
echo "ok: a device id with terminal escapes, a non-hex key and a non-point key get 400, nothing stored"

# --- 1: the takeover: any code plus a known device id -------------------------------------
"$WIJKSTEM" status --data "$tmp/att" > /dev/null # the attacker's own kiosk and key
q "$tmp/att/journal.sqlite" "UPDATE device SET id = '$device'" # claiming the victim's id (it is in file names)
if echo "$code3" | "$WIJKSTEM" enroll "$url" --data "$tmp/att" 2> "$tmp/takeover.err"; then fail "the takeover enrolled"; fi
grep -q "enrolled already; an admin must allow it" "$tmp/takeover.err" || fail "takeover: $(cat "$tmp/takeover.err")"
[ "$(q "$tmp/store.db" "SELECT wijk || ' ' || public_key FROM devices WHERE id = '$device'")" = "Selwerd $pub" ] \
  || fail "the takeover changed the device's wijk or key"
printf 'tap start\ntap prettig-wonen.4\ntap weet-wie-beslist.ja\ntap wijkbudget-naar.groen\ntap meer-zeggenschap.nee\ntap done\n' > "$tmp/v.script"
"$WIJKSTEM" --headless --no-sync --data "$tmp/k" --script "$tmp/v.script" || fail "the visit failed"
"$WIJKSTEM" sync --data "$tmp/k" > "$tmp/sync.out" || fail "the real kiosk cannot sync after the attempt: $(cat "$tmp/sync.out")"
grep -q "4 stored" "$tmp/sync.out" || fail "sync: $(cat "$tmp/sync.out")"
# The admin's way for a reinstalled kiosk: allowed once, then closed again.
"$STORE" allow-reenroll --db "$tmp/store.db" "$device" > /dev/null || fail "allow-reenroll"
echo "$code3" | "$WIJKSTEM" enroll "$url" --data "$tmp/att" > /dev/null || fail "an allowed re-enrolment failed"
code4=$("$STORE" enroll-code --db "$tmp/store.db" --wijk Selwerd)
if echo "$code4" | "$WIJKSTEM" enroll "$url" --data "$tmp/k" 2> /dev/null; then fail "the allowance was used twice"; fi
if "$STORE" allow-reenroll --db "$tmp/store.db" "$(cat /proc/sys/kernel/random/uuid)" 2> /dev/null; then
  fail "allow-reenroll of an unknown device"; fi
echo "ok: a known device id is not taken over with another code; the kiosk keeps syncing; allow-reenroll works once"

# --- 13: http:// only to this machine --------------------------------------------------
if echo "$code4" | "$WIJKSTEM" enroll "http://192.0.2.7:8480" --data "$tmp/far" 2> "$tmp/far.err"; then
  fail "http:// to another machine enrolled"; fi
grep -q "use https://" "$tmp/far.err" || fail "http:// elsewhere: $(cat "$tmp/far.err")"
echo "ok: http:// to another machine is refused before connecting"

# --- 6: every file the kiosk and the store make is theirs alone ------------------------
"$WIJKSTEM" --headless --no-sync --data "$tmp/k" --script "$tmp/v.script" || fail "the second visit failed"
"$WIJKSTEM" export --out "$tmp/k" --data "$tmp/k" > /dev/null # a batch file next to the journal
# A refused write makes the kiosk write kiosk.log (as in e2e_journal_failure).
q "$tmp/k/journal.sqlite" "CREATE TRIGGER refuse BEFORE INSERT ON answers BEGIN SELECT RAISE(ABORT, 'simulated'); END;"
printf 'tap start\ntap prettig-wonen.2\nexpect-screen error\n' > "$tmp/a.script"
"$WIJKSTEM" --headless --no-sync --data "$tmp/k" --script "$tmp/a.script" > /dev/null 2>&1 || fail "the kiosk did not start"
q "$tmp/k/journal.sqlite" "DROP TRIGGER refuse"
[ -f "$tmp/k/kiosk.log" ] || fail "no kiosk.log was written"
ls "$tmp"/k/wijkstem-*.json > /dev/null || fail "no export"
bad=$(find "$tmp/k" "$tmp"/store.db* \( -type f ! -perm 600 \) -o \( -type d ! -perm 700 \) | grep -v "^$tmp/k$" || true)
[ -z "$bad" ] || fail "readable by others: $(ls -ld $bad)"
[ "$(stat -c %a "$tmp/k")" = 700 ] || fail "the data folder is $(stat -c %a "$tmp/k")"
[ -f "$tmp/store.db-wal" ] && [ -f "$tmp/store.db-shm" ] || fail "the store has no -wal/-shm to check"
echo "ok: journal, -wal, -shm, kiosk.log, the export, store.db, -wal, -shm: 0600; folders 0700 ($(find "$tmp/k" "$tmp"/store.db* | wc -l) checked)"

# --- 7: a 60 MiB unsigned USB file, refused in little memory ---------------------------
export_file=$(ls "$tmp"/k/wijkstem-*.json | head -1)
python3 - "$export_file" "$tmp/unsigned.json" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as out:   # the manifest of a real kiosk, no valid signature, 60 MiB
    out.write('{"format": %s, "manifest": %s, "signature": "%s", "batch": "' % (
        json.dumps(f["format"]), json.dumps(f["manifest"]), "0" * 128))
    chunk = '{\\"id\\":\\"x\\"},' * 4096
    written = 0
    while written < 60 * 1024 * 1024:
        out.write(chunk); written += len(chunk)
    out.write('"}\n')
PY
[ "$(stat -c %s "$tmp/unsigned.json")" -gt $((60 * 1024 * 1024)) ] || fail "the file is not 60 MiB"
before=$(q "$tmp/store.db" 'SELECT count(*) FROM answers')
if /usr/bin/time -f %M -o "$tmp/rss" "$STORE" import --db "$tmp/store.db" "$tmp/unsigned.json" 2> "$tmp/import.err"; then
  fail "an unsigned file was imported"; fi
grep -q "signature does not match" "$tmp/import.err" || fail "import: $(cat "$tmp/import.err")"
rss_kb=$(tail -1 "$tmp/rss")
[ "$rss_kb" -lt $((100 * 1024)) ] || fail "the import peaked at $rss_kb KiB for an unsigned 60 MiB file"
[ "$(q "$tmp/store.db" 'SELECT count(*) FROM answers')" = "$before" ] || fail "the refused file stored something"
echo "ok: a 60 MiB unsigned file refused with a peak of $((rss_kb / 1024)) MiB (limit 100 MiB)"

# --- 12: a per-device quota, mapped to 429 ----------------------------------------------
serve "$tmp/quota.db" "$tmp/quota.log" --quota 3
code=$("$STORE" enroll-code --db "$tmp/quota.db" --wijk Selwerd)
echo "$code" | "$WIJKSTEM" enroll "$url" --data "$tmp/flood" > /dev/null || fail "enrol at the quota store"
"$WIJKSTEM" --headless --no-sync --data "$tmp/flood" --script "$tmp/v.script" || fail "the visit failed"
"$WIJKSTEM" sync --data "$tmp/flood" > /dev/null 2>&1 || fail "the first 4 answers (the quota reached)"
"$WIJKSTEM" sync --data "$tmp/flood" > /dev/null 2>&1 || fail "nothing new: a round under the quota"
"$WIJKSTEM" --headless --no-sync --data "$tmp/flood" --script "$tmp/v.script" || fail "the visit failed"
if "$WIJKSTEM" sync --data "$tmp/flood" > /dev/null 2> "$tmp/quota.err"; then fail "answers passed a reached quota"; fi
grep -q "too many requests" "$tmp/quota.err" || fail "quota: $(cat "$tmp/quota.err")"
[ "$(q "$tmp/quota.db" 'SELECT count(*) FROM answers')" = 4 ] || fail "a refused batch was stored"
echo "ok: once a device's new answers reach its hourly quota, the next batch gets 429 and stores nothing"
echo "e2e_security: all checks passed"
