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
xvfb-run -a -n $(( 200 + RANDOM % 700 )) -s "-screen 0 1920x1080x24" "$WIJKSTEM" --data "$tmp/data" --script "$tmp/shots.script" --trace \
  > "$tmp/out" 2> "$tmp/err" || fail "the window run failed: $(cat "$tmp/err")"
# Every screenshot the script takes (quick poll, praatplaat, each question type, results).
shots=$(sed -n 's#^screenshot assets/screenshots/\(.*\)\.png$#\1#p' "$SRC/tests/scripts/screenshots.script")
[ "$(echo "$shots" | wc -l)" -ge 14 ] || fail "the screenshot script takes too few screenshots"
for shot in $shots; do
  "$PNG_CHECK" "$tmp/$shot.png" 1920 1080 || fail "$shot.png is missing, too small or blank"
done
cmp -s "$tmp/attract.png" "$tmp/thanks.png" && fail "the attract and thanks screenshots are identical"
committed=$(grep -c '^committed ' "$tmp/out")
"$WIJKSTEM" status --json --data "$tmp/data" | grep -q "\"answers\": $committed," \
  || fail "the window visits did not store the $committed answers they committed"

# A development window of another size.
cat > "$tmp/small.script" <<S
tap start
expect-screen question
screenshot $tmp/small.png
S
xvfb-run -a -n $(( 200 + RANDOM % 700 )) -s "-screen 0 1920x1080x24" "$WIJKSTEM" --windowed 1280x720 --data "$tmp/data" --script "$tmp/small.script" \
  2> "$tmp/err" || fail "the 1280x720 window run failed: $(cat "$tmp/err")"
"$PNG_CHECK" "$tmp/small.png" 1280 720 || fail "small.png"

# Headless cannot take screenshots: a clear failure with the line number.
if "$WIJKSTEM" --headless --data "$tmp/data" --script "$tmp/small.script" 2> "$tmp/err"; then
  fail "a screenshot under --headless should fail"
fi
grep -q 'small.script:3: a screenshot needs a window' "$tmp/err" || fail "unclear headless screenshot error: $(cat "$tmp/err")"
echo "ok: full-screen and windowed runs under Xvfb, $(echo "$shots" | wc -l) screenshots and one more not blank, $committed answers stored"
