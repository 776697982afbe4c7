#!/usr/bin/env bash
# The pack's logo on the real binary (issue 15 item 5): a pack carrying a PNG in base64
# passes check-content and shows the logo beside the sender on the attract and thanks
# screens of a real window under Xvfb (its red counted in the screenshots; none without
# it); a pack with a broken logo is refused with FILE:LINE:COL: and the kiosk does not
# start on it.
# Usage: e2e_logo.sh WIJKSTEM SOURCE_DIR PNG_CHECK
set -euo pipefail
WIJKSTEM=$1 SRC=$2 PNG_CHECK=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
command -v xvfb-run > /dev/null || { echo "FAIL: xvfb-run is missing (make test installs xvfb)" >&2; exit 1; }

# The bundled pack with "logo" set to $2, in folder $1 (the logo on a line of its own).
make_pack() {
    mkdir -p "$1"
    python3 - "$SRC/content/packs/gronings-model/pack.json" "$1/pack.json" "$2" <<'PY'
import json, sys
pack = json.load(open(sys.argv[1]), object_pairs_hook=dict)
out = {}
for k, v in pack.items():
    out[k] = v
    if k == "version":
        out["logo"] = sys.argv[3]
json.dump(out, open(sys.argv[2], "w"), ensure_ascii=False, indent=1)
PY
}

logo=$(base64 -w0 "$SRC/assets/logo-example.png")
make_pack "$tmp/good" "$logo"
make_pack "$tmp/broken" "iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB"  # a PNG's first bytes, cut off

# --- 1. check-content: the good pack passes, the broken one names the place -------------
"$WIJKSTEM" check-content "$tmp/good" > "$tmp/out" 2>&1 && ok "a pack with a logo passes check-content" ||
    fail "check-content refused the pack with a good logo: $(cat "$tmp/out")"
line=$(grep -n -m1 '"logo"' "$tmp/broken/pack.json" | cut -d: -f1)
rc=0
"$WIJKSTEM" check-content "$tmp/broken" > "$tmp/out" 2>&1 || rc=$?
if [ "$rc" -ne 0 ] && grep -q "pack.json:$line:10: the logo" "$tmp/out"; then
    ok "a broken logo is refused at pack.json:$line:10: $(grep -m1 'the logo' "$tmp/out" | sed 's/.*: the logo/the logo/')"
else
    fail "a broken logo: want pack.json:$line:10: the logo ..., got rc $rc: $(cat "$tmp/out")"
fi
rc=0
"$WIJKSTEM" --headless --content "$tmp/broken" --data "$tmp/data-broken" --script /dev/null > "$tmp/out" 2>&1 || rc=$?
[ "$rc" -ne 0 ] && grep -q "does not start" "$tmp/out" && ok "the kiosk does not start on a pack with a broken logo" ||
    fail "the kiosk started on a broken logo (rc $rc): $(cat "$tmp/out")"

# --- 2. In a real window: attract and thanks with and without the logo ------------------
cat > "$tmp/shots.script" <<S
expect-screen attract
screenshot $tmp/SHOT-attract.png
tap start
tap prettig-wonen.4
tap weet-wie-beslist.ja
tap wijkbudget-naar.groen
tap meer-zeggenschap.ja
expect-screen thanks
screenshot $tmp/SHOT-thanks.png
S
for pack in good bundled; do
    dir="$tmp/$pack"
    [ "$pack" = bundled ] && dir="$SRC/content/packs/gronings-model"
    sed "s/SHOT/$pack/" "$tmp/shots.script" > "$tmp/$pack.script"
    xvfb-run -a -n $(( 200 + RANDOM % 700 )) -s "-screen 0 1920x1080x24" "$WIJKSTEM" --content "$dir" \
        --data "$tmp/data-$pack" --script "$tmp/$pack.script" > "$tmp/run.out" 2>&1 ||
        { fail "the kiosk's script on the $pack pack: $(tail -5 "$tmp/run.out")"; continue; }
done
for screen in attract thanks; do
    with=$("$PNG_CHECK" "$tmp/good-$screen.png" --count c8102e)
    without=$("$PNG_CHECK" "$tmp/bundled-$screen.png" --count c8102e)
    # The logo is 2 lines of body text high (about 80 px here): thousands of its red pixels.
    if [ "$with" -gt 1500 ] && [ "$without" -lt 50 ]; then
        ok "$screen: the logo's red in $with pixels with the logo, $without without"
    else
        fail "$screen: the logo's red in $with pixels with the logo (want > 1500), $without without (want < 50)"
    fi
done

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "e2e_logo: all checks passed"
