#!/usr/bin/env bash
# The content check on the real binary: the bundled pack passes `check-content`; a copy
# broken in three ways (an unknown question type, a truncated file, an invalid
# UTF-8 byte) fails it with FILE:LINE:COL: at the right line; and
# the kiosk itself refuses to start on each broken copy, with the same message on
# stderr and no answer in a journal, although the same script answers on the good pack.
# Usage: e2e_content.sh WIJKSTEM SOURCE_DIR [PNG_CHECK]
set -euo pipefail
WIJKSTEM=$1
SOURCE_DIR=$2
PACK="$SOURCE_DIR/content/packs/gronings-model"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
fatal() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# Runs a command; sets rc, out (stdout) and err (stderr) without tripping set -e.
run() {
    rc=0
    "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
    out=$(cat "$tmp/out")
    err=$(cat "$tmp/err")
}

# The line number of the first line of FILE holding the fixed string NEEDLE.
line_of() { { grep -n -F -m1 -- "$2" "$1" || true; } | cut -d: -f1; }
# The 1-based column (in characters) of NEEDLE on line LINE of FILE.
col_of() { LC_ALL=C.UTF-8 awk -v l="$2" -v n="$3" 'NR == l { print index($0, n) }' "$1"; }

# A visit that commits one answer on the good pack: start, then a smiley.
cat >"$tmp/visit.script" <<'S'
tap start
tap prettig-wonen.4
wait 1
S

# --- 1. The bundled pack is valid ---------------------------------------------------
run "$WIJKSTEM" check-content "$PACK"
if [ "$rc" -eq 0 ] && grep -q "no problems" <<<"$out"; then
    ok "check-content accepts the bundled pack: $out"
else
    fail "check-content on the bundled pack: exit $rc, expected 0 and \"no problems\": $out $err"
fi

# ... and so is an untouched copy, and the visit script answers on it (the control
# for the "no answers" checks below).
cp -r "$PACK" "$tmp/good"
run "$WIJKSTEM" check-content "$tmp/good"
[ "$rc" -eq 0 ] || fail "check-content on an untouched copy: exit $rc: $out $err"
run "$WIJKSTEM" --headless --content "$tmp/good" --data "$tmp/data-good" --script "$tmp/visit.script"
if [ "$rc" -ne 0 ]; then
    fail "the visit script on the good pack: exit $rc: $err"
else
    status=$("$WIJKSTEM" status --json --data "$tmp/data-good" 2>&1) || fail "status --json on the good data: $status"
    if grep -q '"answers": 1' <<<"$status"; then
        ok "the visit script commits 1 answer on the good pack"
    else
        fail "the visit script on the good pack should commit 1 answer: $status"
    fi
fi

# --- 2. Broken copies ----------------------------------------------------------------
# expect_broken NAME LINE COL MESSAGE: check-content and the kiosk on $tmp/NAME.
expect_broken() {
    local name=$1 line=$2 col=$3 message=$4
    local dir="$tmp/$name" data="$tmp/data-$name"
    local want="$dir/pack.json:$line:$col: $message"

    run "$WIJKSTEM" check-content "$dir"
    if [ "$rc" -ne 1 ]; then
        fail "$name: check-content exit $rc, expected 1: $out $err"
    elif ! grep -q -F -- "$want" <<<"$out"; then
        fail "$name: check-content should print '$want', printed: $out"
    else
        ok "$name: check-content exits 1 with '$want'"
    fi
    if ! grep -q -E "^$dir/pack\.json:[0-9]+:[0-9]+: " <<<"$out"; then
        fail "$name: check-content output is not FILE:LINE:COL: message: $out"
    fi

    run "$WIJKSTEM" --headless --trace --content "$dir" --data "$data" --script "$tmp/visit.script"
    if [ "$rc" -eq 0 ]; then
        fail "$name: the kiosk started on a broken pack (exit 0)"
    elif ! grep -q -F -- "$want" <<<"$err"; then
        fail "$name: the kiosk (exit $rc) should print '$want' on stderr, printed: $err"
    else
        ok "$name: the kiosk refuses to start (exit $rc) with the same message on stderr"
    fi
    if grep -q "^screen \|^committed " <<<"$out"; then
        fail "$name: the kiosk showed screens on a broken pack: $out"
    fi
    if [ ! -e "$data/journal.sqlite" ]; then
        ok "$name: no journal was created"
    else
        local status
        status=$("$WIJKSTEM" status --json --data "$data" 2>&1) || fail "$name: status --json: $status"
        if grep -q '"answers": 0' <<<"$status"; then
            ok "$name: the journal holds no answers"
        else
            fail "$name: the kiosk stored answers from a broken pack: $status"
        fi
    fi
}

# a. An unknown question type on the first yes_no question.
cp -r "$PACK" "$tmp/type"
line=$(line_of "$tmp/type/pack.json" '"type": "yes_no"')
[ -n "$line" ] || fatal "the bundled pack has no yes_no question to break"
sed -i "${line}s/\"type\": \"yes_no\"/\"type\": \"ja_nee\"/" "$tmp/type/pack.json"
col=$(( $(col_of "$tmp/type/pack.json" "$line" '"type": "ja_nee"') + 8 ))
expect_broken type "$line" "$col" "unknown question type 'ja_nee' (known types: single,"

# b. Truncated after 60 lines (a half-copied file): the parser runs out at the start
#    of line 61, which is where the error is reported.
mkdir "$tmp/cut"
head -n 60 "$PACK/pack.json" >"$tmp/cut/pack.json"
run "$WIJKSTEM" check-content "$tmp/cut"
want_prefix="$tmp/cut/pack.json:61:1: this is not valid JSON (unexpected end of input"
if [ "$rc" -eq 1 ] && grep -q -F -- "$want_prefix" <<<"$out"; then
    cut_message=$(grep -F -- "$want_prefix" <<<"$out" | sed "s|^$tmp/cut/pack.json:61:1: ||")
    expect_broken cut 61 1 "$cut_message"
else
    fail "cut: check-content exit $rc, expected 1 and '$want_prefix...': $out $err"
fi

# c. An invalid UTF-8 byte (0xFF, as printf writes it) inside a text: in the Dutch
#    "Stoppen", after "Stop".
cp -r "$PACK" "$tmp/utf8"
line=$(line_of "$tmp/utf8/pack.json" '"Stoppen"')
[ -n "$line" ] || fatal "the bundled pack has no \"Stoppen\" to break"
col=$(( $(col_of "$tmp/utf8/pack.json" "$line" '"Stoppen"') + 5 ))
ff=$(printf '\xff')
LC_ALL=C sed -i "${line}s/\"Stoppen\"/\"Stop${ff}pen\"/" "$tmp/utf8/pack.json"
LC_ALL=C grep -q "Stop$ff" "$tmp/utf8/pack.json" || fail "utf8: the 0xFF byte did not get into the copy"
expect_broken utf8 "$line" "$col" "invalid UTF-8: the file must be saved as UTF-8 text"

# --- 3. A folder without a pack ------------------------------------------------------
mkdir "$tmp/empty"
run "$WIJKSTEM" check-content "$tmp/empty"
if [ "$rc" -eq 1 ] && grep -q -F -- "$tmp/empty/pack.json:1:1: cannot open the pack file" <<<"$out"; then
    ok "check-content on a folder without pack.json exits 1 and says so"
else
    fail "check-content on a folder without pack.json: exit $rc: $out $err"
fi
run "$WIJKSTEM" --headless --content "$tmp/empty" --data "$tmp/data-empty" --script "$tmp/visit.script"
[ "$rc" -ne 0 ] || fail "the kiosk started without a pack (exit 0)"

if [ "$failures" -ne 0 ]; then
    echo "e2e_content: $failures failure(s)" >&2
    exit 1
fi
echo "e2e_content: all checks passed"
