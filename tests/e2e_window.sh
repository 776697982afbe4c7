#!/usr/bin/env bash
# The real kiosk in a real window (Xvfb, Mesa llvmpipe): full screen by default,
# a visit with screenshots of every screen, each checked not to be blank.
# Usage: e2e_window.sh WIJKSTEM SOURCE_DIR PNG_CHECK
set -euo pipefail
WIJKSTEM=$1 SRC=$2 PNG_CHECK=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v xvfb-run > /dev/null || fail "xvfb-run is missing (make test installs the Debian package xvfb)"

sed "s#assets/screenshots/#$tmp/#" "$SRC/tests/scripts/screenshots.script" > "$tmp/shots.script"
xvfb-run -a -s "-screen 0 1920x1080x24" "$WIJKSTEM" --data "$tmp/data" --script "$tmp/shots.script" --trace \
  > "$tmp/out" 2> "$tmp/err" || fail "the window run failed: $(cat "$tmp/err")"
for shot in attract question-smiley question-yes-no question-single thanks still-there; do
  "$PNG_CHECK" "$tmp/$shot.png" 1920 1080 || fail "$shot.png is missing, too small or blank"
done
cmp -s "$tmp/attract.png" "$tmp/thanks.png" && fail "the attract and thanks screenshots are identical"
"$WIJKSTEM" status --json --data "$tmp/data" | grep -q '"answers": 4' || fail "the window visit did not store 4 answers"

# A development window of another size.
cat > "$tmp/small.script" <<S
tap start
expect-screen question
screenshot $tmp/small.png
S
xvfb-run -a -s "-screen 0 1920x1080x24" "$WIJKSTEM" --windowed 1280x720 --data "$tmp/data" --script "$tmp/small.script" \
  2> "$tmp/err" || fail "the 1280x720 window run failed: $(cat "$tmp/err")"
"$PNG_CHECK" "$tmp/small.png" 1280 720 || fail "small.png"

# Headless cannot take screenshots: a clear failure with the line number.
if "$WIJKSTEM" --headless --data "$tmp/data" --script "$tmp/small.script" 2> "$tmp/err"; then
  fail "a screenshot under --headless should fail"
fi
grep -q 'small.script:3: a screenshot needs a window' "$tmp/err" || fail "unclear headless screenshot error: $(cat "$tmp/err")"
echo "ok: full-screen and windowed runs under Xvfb, 7 screenshots not blank"
