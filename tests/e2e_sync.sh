#!/usr/bin/env bash
# Sync on the real stack: a real wijkstem-store on loopback, two enrolled kiosks, real
# journals. Nothing lost, nothing twice, refusals that store nothing.
# Usage: e2e_sync.sh WIJKSTEM SOURCE_DIR PNG_CHECK  (wijkstem-store sits next to WIJKSTEM)
set -euo pipefail
WIJKSTEM=$1
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh" # $tmp, $STORE; fail, json_field, q, start_store, ...
trap e2e_cleanup EXIT

# A store on a free loopback port: on a SQLite file, or on PostgreSQL under pg_cluster.sh
# (the ctest e2e_sync_pg).
store_db=$(new_store_db store)
start_store_anywhere "$store_db"

# Two kiosks in one wijk, each with its own one-time code.
for k in a b; do
  code=$("$STORE" enroll-code --db "$store_db" --wijk Oosterpark)
  "$WIJKSTEM" enroll "$url" "$code" --data "$tmp/$k" > /dev/null || fail "kiosk $k could not enrol"
  if "$WIJKSTEM" enroll "$url" "$code" --data "$tmp/other" 2> "$tmp/reuse.err"; then fail "a used code enrolled again"; fi
done
grep -q "unknown or already used" "$tmp/reuse.err" || fail "a reused code gave no clear message: $(cat "$tmp/reuse.err")"

# 5 s apart, the same answers: every visit after a kiosk's first is a flagged repeat.
visit="$(quick_visit 4 ja groen nee)"$'\n'
for i in $(seq 30); do printf '%s' "$visit"; done > "$tmp/a.script"
for i in $(seq 20); do printf '%s' "$visit"; done > "$tmp/b.script"
"$WIJKSTEM" --headless --data "$tmp/a" --script "$tmp/a.script"
"$WIJKSTEM" --headless --data "$tmp/b" --script "$tmp/b.script"

# 1. Sync: everything arrives, once.
"$WIJKSTEM" sync --data "$tmp/a" > "$tmp/sync.out" || fail "sync a: $(cat "$tmp/sync.out")"
"$WIJKSTEM" sync --data "$tmp/b" > /dev/null || fail "sync b"
for k in a b; do
  st=$("$WIJKSTEM" status --json --data "$tmp/$k")
  [ "$(echo "$st" | json_field waiting)" = 0 ] || fail "kiosk $k still has answers waiting: $st"
  echo "$st" | grep -q '"last_sync": "20' || fail "kiosk $k has no last_sync: $st"
done
[ "$(q "$store_db" 'SELECT count(*) FROM answers')" = 200 ] || fail "the store should hold 120 + 80 answers"
"$STORE" export --db "$store_db" --csv > "$tmp/export.csv"
rows=$(wc -l < "$tmp/export.csv")
[ "$rows" = 201 ] || fail "export --csv should have a header and 200 rows, has $rows lines"
head -1 "$tmp/export.csv" | grep -qx 'answer_id,device_id,device_seq,wijk,session_id,pack_id,pack_version,question_id,value,answered_at,received_at,via,flagged,superseded' \
  || fail "export --csv header: $(head -1 "$tmp/export.csv")"
# Exactly the kiosks' answers: the same (id, device, seq, question, value, flagged) rows, no
# more, no fewer. The same visit repeated 5 s apart is flagged from the second time on.
for k in a b; do
  dev=$("$WIJKSTEM" status --json --data "$tmp/$k" | sed -n 's/.*"device_id": "\([^"]*\)".*/\1/p')
  q "$tmp/$k/journal.sqlite" "SELECT id || ',$dev,' || seq || ',Oosterpark,' || session_id || ',' || question_id || ',' || value || ',' || flagged FROM answers"
done | sort > "$tmp/kiosk.rows"
[ "$(grep -c ',1$' "$tmp/kiosk.rows")" = $(( (29 + 19) * 4 )) ] || fail "the kiosks should have flagged 48 repeated visits"
tail -n +2 "$tmp/export.csv" | awk -F, '{print $1","$2","$3","$4","$5","$8","$9","$13}' | sort > "$tmp/csv.rows"
diff "$tmp/kiosk.rows" "$tmp/csv.rows" > "$tmp/rows.diff" || fail "the CSV export differs from the kiosks' answers: $(head -5 "$tmp/rows.diff")"
"$STORE" devices --db "$store_db" > "$tmp/devices.out"
grep -q "Oosterpark  *120  *120  *0  *enrolled  *1  *29$" "$tmp/devices.out" || fail "devices: $(cat "$tmp/devices.out")"
grep -q "Oosterpark  *80  *80  *0  *enrolled  *1  *19$" "$tmp/devices.out" || fail "devices: $(cat "$tmp/devices.out")"
echo "ok: two kiosks synced 200 answers; export and devices agree"

# 1b. In the background: the kiosk syncs by itself soon after new answers (its own
#     thread; the script's `sleep` lets real time pass).
code=$("$STORE" enroll-code --db "$store_db" --wijk Oosterpark)
"$WIJKSTEM" enroll "$url" "$code" --data "$tmp/c" > /dev/null || fail "kiosk c could not enrol"
backup_db=$(store_copy "$store_db" backup) # the store's backup: c enrolled, none of its answers yet
{ printf '%s' "$visit"; printf '%s' "$visit"; echo "sleep 2"; } > "$tmp/c.script"
"$WIJKSTEM" --headless --sync-debounce 0.2 --data "$tmp/c" --script "$tmp/c.script" || fail "kiosk c's visits"
[ "$("$WIJKSTEM" status --json --data "$tmp/c" | json_field waiting)" = 0 ] || fail "the background sync left answers waiting"
[ "$(q "$store_db" 'SELECT count(*) FROM answers')" = 208 ] || fail "the background sync did not bring 8 answers"
echo "ok: the kiosk synced 8 answers in the background, without a command"

# 2. The same answers again (a reply lost after the store saved): already stored, not twice.
sqlite3 "$tmp/a/journal.sqlite" "UPDATE answers SET synced_at = NULL WHERE seq <= 50"
"$WIJKSTEM" sync --data "$tmp/a" > "$tmp/again.out" || fail "re-sync: $(cat "$tmp/again.out")"
grep -q "0 stored, 50 already stored" "$tmp/again.out" || fail "re-sync: $(cat "$tmp/again.out")"
[ "$(q "$store_db" 'SELECT count(*) FROM answers')" = 208 ] || fail "a re-sent answer was stored twice"
echo "ok: 50 re-sent answers came back 'already stored'; still 208 at the store"

# 3. Same id, other content: a conflict; both kept, nothing overwritten, the kiosk keeps it.
sqlite3 "$tmp/a/journal.sqlite" "UPDATE answers SET synced_at = NULL, value = '1' WHERE seq = 1"
if "$WIJKSTEM" sync --data "$tmp/a" > "$tmp/conflict.out" 2> "$tmp/conflict.err"; then fail "a conflict should not end in exit 0"; fi
grep -q "1 conflict" "$tmp/conflict.out" || fail "conflict: $(cat "$tmp/conflict.out")"
[ "$(q "$store_db" "SELECT value FROM answers WHERE device_id = (SELECT device_id FROM answers ORDER BY rowid LIMIT 1) AND seq = 1")" = 4 ] \
  || fail "the conflict overwrote the stored answer"
[ "$(q "$store_db" 'SELECT count(*) FROM conflicts')" = 1 ] || fail "the conflicting version was not kept"
[ "$("$WIJKSTEM" status --json --data "$tmp/a" | json_field waiting)" = 1 ] || fail "the conflicting answer should stay waiting"
"$WIJKSTEM" status --data "$tmp/a" | grep -q "last error:.*conflict" || fail "status does not say the last error in words"
echo "ok: a conflict keeps both versions and the kiosk's copy waits"

# 4. Refusals store nothing.
token_a=$(q "$tmp/a/journal.sqlite" 'SELECT token FROM store')
device_b=$(q "$tmp/b/journal.sqlite" 'SELECT id FROM device')
post() { curl -s -o "$tmp/body" -w '%{http_code}' -X POST "$url/v1/answers" -H 'Content-Type: application/json' "$@"; }
one="{\"device_id\":\"$device_b\",\"answers\":[{\"id\":\"01a22277-fd12-7c2b-bdae-1f302b7a0000\",\"seq\":999,\"session_id\":\"50b14a9e-5389-466d-9a1e-aa527875f929\",\"pack_id\":\"p\",\"pack_version\":\"1\",\"question_id\":\"q\",\"value\":\"v\",\"answered_at\":\"2026-11-28T12:00:00.000Z\"}]}"
[ "$(post --data "$one")" = 401 ] || fail "no token should be 401"
[ "$(post -H 'Authorization: Bearer 00ff' --data "$one")" = 401 ] || fail "a wrong token should be 401"
[ "$(post -H "Authorization: Bearer $token_a" --data "$one")" = 403 ] || fail "a's token for b's answers should be 403"
[ "$(post -H "Authorization: Bearer $token_a" --data '{"device_id": ')" = 400 ] || fail "cut-off JSON should be 400"
printf '{"device_id":"\xff"}' > "$tmp/bad-utf8.json"
[ "$(post -H "Authorization: Bearer $token_a" --data-binary @"$tmp/bad-utf8.json")" = 400 ] || fail "invalid UTF-8 should be 400"
head -c 1200000 /dev/zero | tr '\0' 'x' > "$tmp/big.json"
[ "$(post -H "Authorization: Bearer $token_a" --data-binary @"$tmp/big.json")" = 413 ] || fail "a body over 1 MiB should be 413"
[ "$(q "$store_db" 'SELECT count(*) FROM answers')" = 208 ] || fail "a refused request stored something"
echo "ok: 401, 401, 403, 400, 400, 413 - and nothing stored"

# 5. Down-sync: the pack published for the wijk replaces the bundled one (only after
#    validation), and the results screens show the whole wijk.
SRC=$2
cp -r "$SRC/content/packs/gronings-model" "$tmp/newpack"
sed -i 's/"version": "[^"]*"/"version": "9.9.9"/; s/Praat mee over {@uw-wijk}/Praat mee over Oosterpark/' "$tmp/newpack/pack.json"
"$STORE" publish --db "$store_db" --wijk Oosterpark "$tmp/newpack" > /dev/null || fail "publish"
cp -r "$tmp/newpack" "$tmp/brokenpack"
sed -i 's/"type": "smiley"/"type": "slider"/' "$tmp/brokenpack/pack.json"
if "$STORE" publish --db "$store_db" --wijk Oosterpark "$tmp/brokenpack" 2> "$tmp/publish.err"; then fail "a broken pack was published"; fi
grep -q "pack.json:[0-9]*:[0-9]*: unknown question type 'slider'" "$tmp/publish.err" || fail "publish: $(cat "$tmp/publish.err")"
"$WIJKSTEM" sync --data "$tmp/b" > "$tmp/down.out" || fail "down-sync: $(cat "$tmp/down.out")"
grep -q "installed the pack gronings-model 9.9.9" "$tmp/down.out" || fail "no pack installed: $(cat "$tmp/down.out")"
printf 'expect-text Praat mee over Oosterpark\n' > "$tmp/title.script"
"$WIJKSTEM" --headless --no-sync --data "$tmp/b" --script "$tmp/title.script" || fail "the kiosk does not use the store's pack"
# A pack that arrives broken (here: changed in the store's database behind its back) is refused whole.
q "$store_db" "UPDATE packs SET version = '9.9.10', body = '{\"pack\": \"gronings-model\", \"version\": '"
if "$WIJKSTEM" sync --data "$tmp/b" > /dev/null 2> "$tmp/broken.err"; then fail "a broken pack from the store was accepted"; fi
grep -q "pack with problems, which was not installed" "$tmp/broken.err" || fail "broken pack: $(cat "$tmp/broken.err")"
"$WIJKSTEM" --headless --no-sync --data "$tmp/b" --script "$tmp/title.script" || fail "the last good pack was lost"
# A new kiosk with one answer sees the wijk's figures: 52 answers from the store plus its own.
code=$("$STORE" enroll-code --db "$store_db" --wijk Oosterpark)
"$WIJKSTEM" enroll "$url" "$code" --data "$tmp/d" > /dev/null
q "$store_db" "DELETE FROM packs"
# The store sends no question with fewer than 5 counted answers (docs/security.md); this
# wijk's repeats leave 3, so two of them count here.
q "$store_db" "UPDATE answers SET flagged = 0 WHERE rowid IN (SELECT rowid FROM answers
  WHERE question_id = 'prettig-wonen' AND value = '4' AND flagged = 1 LIMIT 2)"
"$WIJKSTEM" sync --data "$tmp/d" > /dev/null || fail "sync d"
# Flagged repeats are kept but not counted: the wijk's figure is the store's unflagged
# answers plus this kiosk's own two (31 s apart, so the second is not a repeat).
counted=$(( $(q "$store_db" "SELECT count(*) FROM answers WHERE question_id = 'prettig-wonen' AND flagged = 0") + 2 ))
[ "$counted" -lt 54 ] && [ "$counted" -ge 5 ] || fail "expected flagged answers left out and at least 5 counted: $counted"
printf 'tap start\ntap prettig-wonen.4\ntap stop\ntap done\nwait 31\ntap start\ntap prettig-wonen.4\ntap stop\nexpect-screen thanks\ntap results\nexpect-screen results\nexpect-text Goed: 100%% (%s)\n' "$counted" > "$tmp/d.script"
"$WIJKSTEM" --headless --no-sync --data "$tmp/d" --script "$tmp/d.script" || fail "the results screen does not show the wijk's figures"
echo "ok: the store's pack installed after validation (a broken one refused, the last good kept); results show the whole wijk"

# 6. A revoked kiosk is refused; an unreachable store is an error in words, not a crash.
device_a=$(q "$tmp/a/journal.sqlite" 'SELECT id FROM device')
"$STORE" revoke --db "$store_db" "$device_a" > /dev/null
if "$WIJKSTEM" sync --data "$tmp/a" > /dev/null 2> "$tmp/revoked.err"; then fail "a revoked kiosk synced"; fi
grep -q "does not know this kiosk's token" "$tmp/revoked.err" || fail "revoked: $(cat "$tmp/revoked.err")"
kill "$store_pid"; wait "$store_pid" 2> /dev/null || true; store_pid=
sqlite3 "$tmp/b/journal.sqlite" "UPDATE answers SET synced_at = NULL WHERE seq = 1"
if "$WIJKSTEM" sync --data "$tmp/b" > /dev/null 2> "$tmp/down.err"; then fail "sync without a store should fail"; fi
grep -q "cannot be reached" "$tmp/down.err" || fail "store down: $(cat "$tmp/down.err")"
[ "$("$WIJKSTEM" status --json --data "$tmp/b" | json_field waiting)" = 1 ] || fail "the unsent answer is no longer waiting"
echo "ok: a revoked kiosk gets 401, a store that is down leaves the answer waiting"

# 7. The store is restored from that backup: it lost kiosk c's 8 answers. The next round
#    finds out (the store says what it holds of the device) and sends them again.
restored_db=$backup_db
start_store "$restored_db" "$port" || fail "the restored store did not start on port $port"
device_c=$(q "$tmp/c/journal.sqlite" 'SELECT id FROM device')
[ "$(q "$restored_db" "SELECT count(*) FROM answers WHERE device_id = '$device_c'")" = 0 ] \
  || fail "the backup should hold none of kiosk c's answers"
"$WIJKSTEM" sync --data "$tmp/c" > "$tmp/restore.out" || fail "sync after restore: $(cat "$tmp/restore.out")"
[ "$(q "$restored_db" "SELECT count(*) FROM answers WHERE device_id = '$device_c'")" = 8 ] \
  || fail "the restored store did not get kiosk c's 8 answers back: $(cat "$tmp/restore.out")"
[ "$("$WIJKSTEM" status --json --data "$tmp/c" | json_field waiting)" = 0 ] || fail "kiosk c still has answers waiting"
echo "ok: a store restored from a backup got a kiosk's 8 lost answers back in one round"


# 8. Too many requests from one device: 429 (20 a second, bursts of 40).
token_c=$(q "$tmp/c/journal.sqlite" 'SELECT token FROM store')
args=()
for i in $(seq 100); do args+=(-o /dev/null "$url/v1/content"); done # one curl, one connection: fast
codes=$(curl -s -w '%{http_code}\n' -H "Authorization: Bearer $token_c" "${args[@]}" | sort | uniq -c)
echo "$codes" | grep -q " 429" || fail "100 requests at once were never limited: $codes"
echo "ok: a device that floods the store gets 429 ($(echo $codes))"
kill "$store_pid"; wait "$store_pid" 2> /dev/null || true; store_pid=

# 9. HTTPS with the municipality's own certificate: trusted with --ca, refused without.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2> /dev/null || fail "openssl could not make a test certificate"
tls_db=$(new_store_db tls)
start_store "$tls_db" "$port" --tls-cert "$tmp/cert.pem" --tls-key "$tmp/key.pem" || fail "the TLS store did not start"
grep -q "listening on https" "$tmp/store.log" || fail "the TLS store does not say https"
code=$("$STORE" enroll-code --db "$tls_db" --wijk Selwerd)
if "$WIJKSTEM" enroll "https://127.0.0.1:$port" "$code" --data "$tmp/e" 2> "$tmp/tls.err"; then
  fail "a certificate nobody vouched for was trusted"
fi
grep -qi "certificate" "$tmp/tls.err" || fail "no word about the certificate: $(cat "$tmp/tls.err")"
"$WIJKSTEM" enroll "https://127.0.0.1:$port" "$code" --ca "$tmp/cert.pem" --data "$tmp/e" > /dev/null \
  || fail "enrolment over TLS with --ca failed"
printf '%s' "$visit" > "$tmp/e.script"
"$WIJKSTEM" --headless --no-sync --data "$tmp/e" --script "$tmp/e.script"
"$WIJKSTEM" sync --data "$tmp/e" > /dev/null || fail "sync over TLS failed"
[ "$(q "$tls_db" 'SELECT count(*) FROM answers')" = 4 ] || fail "the TLS store did not get 4 answers"
echo "ok: over HTTPS with the store's own certificate: refused without --ca, 4 answers synced with it"

# 10. Only TLS 1.2+ with ECDHE and AEAD ciphers: TLS 1.1 is refused, and so is TLS 1.2 with
#     static RSA key exchange and CBC (AES128-SHA). openssl runs without the system's
#     config (Debian's would refuse these itself, on the client side); a control against
#     openssl s_server shows the client really offers them.
tls_try() { # tls_try PORT ARGS...: prints the "New, ..." line of the handshake
  local p=$1
  shift
  echo | OPENSSL_CONF=/dev/null timeout 10 openssl s_client -connect "127.0.0.1:$p" "$@" 2>&1 | grep -m1 '^New,' || true
}
for old in "-tls1_1 -cipher DEFAULT:@SECLEVEL=0" "-tls1_2 -cipher AES128-SHA:@SECLEVEL=0"; do
  # The control server on a free port: tests run in parallel, so a fixed one may be taken
  # (then s_server ends at once); a few ports are tried before the test gives up.
  ctl_port= ctl_pid=
  for try in 1 2 3 4 5; do
    p=$(( 20000 + RANDOM % 20000 ))
    # shellcheck disable=SC2086
    OPENSSL_CONF=/dev/null openssl s_server -accept "127.0.0.1:$p" -cert "$tmp/cert.pem" -key "$tmp/key.pem" \
      $old -www > /dev/null 2>&1 &
    ctl_pid=$!
    for i in $(seq 100); do
      if ss -ltnp 2> /dev/null | grep ":$p " | grep -q "pid=$ctl_pid,"; then ctl_port=$p; break; fi
      kill -0 "$ctl_pid" 2> /dev/null || break
      sleep 0.05
    done
    [ -n "$ctl_port" ] && break
    kill "$ctl_pid" 2> /dev/null || true
    wait "$ctl_pid" 2> /dev/null || true
  done
  [ -n "$ctl_port" ] || fail "control: openssl s_server could not listen on a free port"
  # shellcheck disable=SC2086
  ctl=$(tls_try "$ctl_port" $old)
  kill "$ctl_pid" 2> /dev/null || true
  wait "$ctl_pid" 2> /dev/null || true
  { [ -n "$ctl" ] && ! echo "$ctl" | grep -q 'Cipher is (NONE)'; } || fail "control: openssl s_client would not offer $old ($ctl)"
  # shellcheck disable=SC2086
  got=$(tls_try "$port" $old)
  echo "$got" | grep -q 'Cipher is (NONE)' || fail "the store accepted $old: $got"
done
got=$(tls_try "$port" -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256)
echo "$got" | grep -q 'TLSv1.2, Cipher is ECDHE-RSA-AES128-GCM-SHA256' || fail "TLS 1.2 with ECDHE and AES-GCM: $got"
got=$(tls_try "$port" -tls1_3)
echo "$got" | grep -q 'TLSv1.3' || fail "TLS 1.3: $got"
echo "ok: TLS 1.1 and static-RSA/CBC suites refused (the client offered them: control); TLS 1.2 ECDHE+GCM and TLS 1.3 accepted"
