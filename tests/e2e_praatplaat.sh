#!/usr/bin/env bash
# The whole praatplaat on the real binary: every zone, every question type, the
# outcome; and a visit that stops half-way and keeps what it gave.
# Usage: e2e_praatplaat.sh WIJKSTEM SOURCE_DIR PNG_CHECK  (praatplaat_script sits next to PNG_CHECK)
set -euo pipefail
WIJKSTEM=$1 SRC=$2
GEN=$(dirname "$3")/praatplaat_script
PACK=$SRC/content/packs/gronings-model
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
json_field() { sed -n "s/.*\"$1\": \([0-9]*\).*/\1/p"; }

# 1. Everything.
expected=$("$GEN" "$PACK" "$tmp/all.script") || fail "cannot make the praatplaat script"
"$WIJKSTEM" --headless --data "$tmp/all" --script "$tmp/all.script" --trace > "$tmp/all.out" \
  || fail "the praatplaat script failed"
status=$("$WIJKSTEM" status --json --data "$tmp/all")
[ "$(echo "$status" | json_field answers)" = "$expected" ] || fail "expected $expected answers: $status"
[ "$(echo "$status" | json_field sessions)" = 1 ] || fail "expected 1 visit: $status"
for screen in intro poster question results outcome thanks; do
  grep -q "^screen $screen" "$tmp/all.out" || fail "the $screen screen never showed"
done
version=$(sed -n 's/^ *"version": "\(.*\)",$/\1/p' "$PACK/pack.json" | head -1)
[ "$(sqlite3 "$tmp/all/journal.sqlite" "SELECT count(*) FROM answers WHERE pack_version != '$version'")" = 0 ] \
  || fail "answers without the pack version $version"
types=$(sqlite3 "$tmp/all/journal.sqlite" "SELECT count(*) FROM answers WHERE question_id LIKE '%.%'")
[ "$types" -gt 0 ] || fail "no matrix rows were stored"
echo "ok: the whole praatplaat, $expected answers stored (pack $version), $types of them matrix rows"

# 2. Stop half-way: every answer given so far is kept.
expected=$("$GEN" "$PACK" "$tmp/half.script" stop-half-way) || fail "cannot make the stop-half-way script"
"$WIJKSTEM" --headless --data "$tmp/half" --script "$tmp/half.script" || fail "the stop-half-way script failed"
status=$("$WIJKSTEM" status --json --data "$tmp/half")
[ "$expected" -gt 0 ] || fail "the half-way visit gave no answers"
[ "$(echo "$status" | json_field answers)" = "$expected" ] || fail "expected $expected answers kept: $status"
echo "ok: stopped half-way, all $expected answers kept"
