#!/usr/bin/env bash
# The kiosk session's watchdog, without systemd as PID 1: tests/watchdog_supervisor.cpp plays
# systemd's part (NOTIFY_SOCKET, WATCHDOG_USEC, Restart=always). The kiosk says READY=1 after
# its first frame and feeds the watchdog while it idles; with the test-only
# --test-hang-after it stops feeding, and the supervisor kills and restarts it.
# Usage: e2e_watchdog.sh WIJKSTEM SOURCE_DIR PNG_CHECK SUPERVISOR
set -euo pipefail
WIJKSTEM=$1
SUPERVISOR=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
count() { grep -c "$1" "$2" || true; }
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" "$2"; }
run() { # NAME SECONDS [kiosk options]
  local name=$1 secs=$2
  shift 2
  xvfb-run -a -n $(( 200 + RANDOM % 700 )) -s "-screen 0 1280x720x24" "$SUPERVISOR" "$tmp" 2000000 "$secs" -- \
    "$WIJKSTEM" --windowed 640x480 --no-sync --data "$tmp/$name" "$@" > "$tmp/$name.out" 2>&1 \
    || fail "$name: the supervisor failed: $(cat "$tmp/$name.out")"
}

# 1. A healthy kiosk: ready once, fed about every second (WATCHDOG_USEC 2 s, fed at half),
#    never restarted, while it idles on the attract screen.
run healthy 8
f=$tmp/healthy.out
[ "$(field ready "$f")" = 1 ] || fail "healthy: no READY=1: $(cat "$f")"
[ "$(field timeouts "$f")" = 0 ] || fail "healthy: the watchdog fired: $(cat "$f")"
[ "$(field starts "$f")" = 1 ] || fail "healthy: restarted: $(cat "$f")"
feeds=$(field feeds "$f")
[ "$feeds" -ge 3 ] && [ "$feeds" -le 12 ] || fail "healthy: $feeds feeds in 8 s (want one a second): $(cat "$f")"
echo "ok: a healthy kiosk said READY=1 and fed the watchdog $feeds times in 8 s"

# 2. The test-only hang: it stops feeding after 2 s; the supervisor kills it (after the 2 s
#    watchdog) and starts it again, and the new kiosk is ready and fed again.
run hang 20 --test-hang-after 2
f=$tmp/hang.out
[ "$(field timeouts "$f")" -ge 1 ] || fail "hang: no watchdog timeout: $(cat "$f")"
[ "$(field starts "$f")" -ge 2 ] && [ "$(field ready "$f")" -ge 2 ] || fail "hang: not restarted and ready: $(cat "$f")"
first_timeout=$(grep -m1 "watchdog timeout" "$f" | cut -d' ' -f1)
awk -v t="$first_timeout" 'BEGIN { exit !(t >= 3.0 && t <= 15) }' || fail "hang: the first timeout came at $first_timeout s"
# After the restart the new kiosk feeds again before it hangs in turn.
awk '/watchdog timeout/ { seen = 1; next } seen && / watchdog$/ { fed = 1 } END { exit !fed }' "$f" \
  || fail "hang: the restarted kiosk did not feed: $(cat "$f")"
grep -q "test-only --test-hang-after" "$tmp/hang/kiosk.log" || fail "hang: the kiosk did not log the test-only hang"
echo "ok: a kiosk that stops feeding is killed after the watchdog time and restarted ($(grep summary "$f"))"
