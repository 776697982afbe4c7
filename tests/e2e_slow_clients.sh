#!/usr/bin/env bash
# The store under slow and hostile clients (issue 12 item 5): the real wijkstem-store on
# loopback holds 500 connections that trickle their headers a byte a second and 20 idle
# keep-alive ones, and still a kiosk syncs; an announced 10 GB body gets 413 within a
# second; a gzip body gets 415 even with a valid token; three 896 KiB gzip bombs leave the
# store's peak memory under 100 MB (nothing is inflated); the trickled headers are cut off
# at the header deadline (10 s in all, however steadily the bytes come).
# Usage: e2e_slow_clients.sh WIJKSTEM SOURCE_DIR PNG_CHECK  (wijkstem-store sits next to WIJKSTEM)
set -euo pipefail
WIJKSTEM=$1
SRC=$2
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh" # $tmp, $STORE; fail, json_field, q, start_store, ...
slow_pid=''
cleanup() { [ -n "$slow_pid" ] && kill "$slow_pid" 2> /dev/null; e2e_cleanup; }
trap cleanup EXIT
now() { date +%s.%N; }

# The slow connections all come from 127.0.0.1, so this store allows 1000 from one address
# (the default, 256, protects a real deployment; docs/sync-protocol.md).
start_store_anywhere "$tmp/store.db" --max-conns-per-addr 1000

enrol_kiosk "$tmp/store.db" Oosterpark "$tmp/k"
quick_visit 4 ja groen nee > "$tmp/visit.script"
"$WIJKSTEM" --headless --no-sync --data "$tmp/k" --script "$tmp/visit.script" || fail "the visit"
token=$(q "$tmp/k/journal.sqlite" 'SELECT token FROM store')

# 1. 500 trickling connections and 20 idle keep-alive ones, for 22 s.
python3 "$SRC/tests/slow_clients.py" "$port" 500 20 22 > "$tmp/slow.out" 2> "$tmp/slow.err" &
slow_pid=$!
for i in $(seq 200); do grep -q ready "$tmp/slow.out" && break; sleep 0.05; done
grep -q ready "$tmp/slow.out" || fail "the slow clients did not connect: $(cat "$tmp/slow.err")"
fds=$(ls "/proc/$store_pid/fd" | wc -l)
[ "$fds" -ge 520 ] || fail "the store should hold the 520 connections open, has $fds descriptors"

t0=$(now)
"$WIJKSTEM" sync --data "$tmp/k" > "$tmp/sync.out" 2>&1 || fail "the kiosk could not sync beside the slow clients: $(cat "$tmp/sync.out")"
took=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
[ "$("$WIJKSTEM" status --json --data "$tmp/k" | json_field waiting)" = 0 ] || fail "answers still waiting"
[ "$(q "$tmp/store.db" 'SELECT count(*) FROM answers')" = 4 ] || fail "the store did not get the 4 answers"
echo "ok: a kiosk synced in ${took} s while 500 slow and 20 idle connections were open"

# 2. An announced body of 10 GB: 413 right after the header, within a second, unread.
python3 - "$port" "$token" > "$tmp/413.out" << 'EOF' || fail "413: $(cat "$tmp/413.out")"
import socket, sys, time
port, token = int(sys.argv[1]), sys.argv[2]
s = socket.create_connection(("127.0.0.1", port), timeout=5)
t0 = time.monotonic()
s.sendall(("POST /v1/answers HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
           "Content-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n" % token).encode())
s.settimeout(3)
reply = b""
while b"\r\n" not in reply:
    part = s.recv(4096)
    if not part:
        break
    reply += part
took = time.monotonic() - t0
print("%s %.3f" % (reply.split(b"\r\n")[0].decode(errors="replace"), took))
sys.exit(0 if reply.startswith(b"HTTP/1.1 413") and took < 1.0 else 1)
EOF
echo "ok: an announced 10 GB body got 413 in $(awk '{ print $NF }' "$tmp/413.out") s"

# 3. A gzip body with a valid token: 415, before a byte of it is inflated.
printf '{"device_id":"x","answers":[]}' | gzip > "$tmp/small.gz"
st=$(curl -s -o "$tmp/415.body" -w '%{http_code}' -X POST "$url/v1/answers" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -H 'Content-Encoding: gzip' --data-binary @"$tmp/small.gz")
[ "$st" = 415 ] || fail "a gzip body should get 415, got $st"
grep -q '"store":"wijkstem-store/1"' "$tmp/415.body" || fail "the 415 is not the store's: $(cat "$tmp/415.body")"
echo "ok: a gzip body with a valid token got 415"

# 4. Three gzip bombs of 896 KiB (14 gzip members of 64 MiB of zeros each: 896 MiB
#    inflated), with and without a token: 415 each, and the store's peak RSS stays small.
head -c 67108864 /dev/zero | gzip -9 > "$tmp/member.gz"
for i in $(seq 14); do cat "$tmp/member.gz"; done > "$tmp/bomb.gz"
bomb_kib=$(( $(stat -c %s "$tmp/bomb.gz") / 1024 ))
for auth in "Authorization: Bearer $token" "Authorization: Bearer 00ff" "X-No-Token: 1"; do
  st=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url/v1/answers" -H "$auth" \
    -H 'Content-Type: application/json' -H 'Content-Encoding: gzip' --data-binary @"$tmp/bomb.gz")
  [ "$st" = 415 ] || fail "a gzip bomb should get 415, got $st"
done
hwm_kb=$(sed -n 's/^VmHWM:[^0-9]*\([0-9]*\) kB/\1/p' "/proc/$store_pid/status")
[ "$hwm_kb" -lt 102400 ] || fail "the store's peak RSS is $hwm_kb kB after the gzip bombs"
echo "ok: three gzip bombs of $bomb_kib KiB got 415; the store's peak RSS is $(( hwm_kb / 1024 )) MiB"

# 5. The trickled headers were cut off at the header deadline (10 s), and the store is
#    still there for everyone.
wait "$slow_pid" || fail "the slow clients failed: $(cat "$tmp/slow.err")"
slow_pid=
figures=$(tail -1 "$tmp/slow.out")
closed=$(echo "$figures" | sed -n 's/.*closed_by_store=\([0-9]*\).*/\1/p')
min=$(echo "$figures" | sed -n 's/.*lifetime_min=\([0-9.]*\).*/\1/p')
max=$(echo "$figures" | sed -n 's/.*lifetime_max=\([0-9.]*\).*/\1/p')
idle_ok=$(echo "$figures" | sed -n 's/.*idle_ok=\([0-9]*\).*/\1/p')
[ "$closed" -ge 500 ] || fail "the store should have cut off the 500 trickled headers: $figures"
awk -v a="$min" -v b="$max" 'BEGIN { exit !(a >= 9.0 && b <= 16.0) }' || fail "trickled headers should be cut off at 10 s: $figures"
[ "$idle_ok" = 20 ] || fail "the idle connections' requests: $figures"
curl -s -f "$url/v1/health" > /dev/null || fail "the store no longer answers"
echo "ok: $closed trickled headers (500 at a time) cut off after ${min}-${max} s (the header deadline); the store still answers"
