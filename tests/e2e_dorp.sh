#!/usr/bin/env bash
# A wijk can be a dorp (issue 14 item 9), end to end: the gebiedsteam marks a wijk a dorp
# at the store (wijkstem-store place); an enrolled kiosk syncs, and from its next start its
# screens say "dorp" where they said "wijk" (Dutch and English), a visit still goes
# through; the public page says "Dorp"; bad input is refused and changes nothing.
# Usage: e2e_dorp.sh WIJKSTEM SOURCE_DIR [PNG_CHECK]  (wijkstem-store sits next to WIJKSTEM)
set -euo pipefail
WIJKSTEM=$1
SRC=$2
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh" # $tmp, $STORE; fail, q, start_store_anywhere, ...
trap e2e_cleanup EXIT

start_store_anywhere "$tmp/store.db"
enrol_kiosk "$tmp/store.db" "Ten Boer" "$tmp/k"

# 1. Refusals change nothing; a wijk is a wijk until it is set a dorp.
[ "$("$STORE" place --db "$tmp/store.db" --wijk "Ten Boer")" = "Ten Boer: wijk" ] || fail "a new wijk is not a wijk"
if "$STORE" place --db "$tmp/store.db" --wijk "Ten Boer" --kind stad 2> "$tmp/err"; then fail "--kind stad was taken"; fi
grep -q "must be wijk or dorp" "$tmp/err" || fail "no clear refusal of --kind stad: $(cat "$tmp/err")"
if "$STORE" place --db "$tmp/store.db" --wijk Nergens --kind dorp 2> "$tmp/err"; then fail "an unknown wijk was set"; fi
grep -q "knows no wijk" "$tmp/err" || fail "no clear refusal of an unknown wijk: $(cat "$tmp/err")"
[ "$(q "$tmp/store.db" 'SELECT count(*) FROM places')" = 0 ] || fail "a refusal left a row"
echo "ok: place refuses --kind stad and an unknown wijk, and stores nothing then"

# 2. Before: the kiosk's texts say wijk.
cat > "$tmp/wijk.script" <<'S'
expect-text Praat mee over uw wijk
S
"$WIJKSTEM" --headless --data "$tmp/k" --script "$tmp/wijk.script" > "$tmp/out" 2>&1 ||
  fail "before: the attract screen does not say wijk: $(tail -3 "$tmp/out")"

# 3. Set a dorp; the kiosk syncs, and from its next start says dorp.
"$STORE" place --db "$tmp/store.db" --wijk "Ten Boer" --kind dorp > "$tmp/out" || fail "place --kind dorp: $(cat "$tmp/out")"
"$WIJKSTEM" sync --data "$tmp/k" > "$tmp/sync.out" || fail "sync: $(cat "$tmp/sync.out")"
grep -q "this is a dorp" "$tmp/sync.out" || fail "the sync did not say the kind changed: $(cat "$tmp/sync.out")"
cat > "$tmp/dorp.script" <<'S'
expect-text Praat mee over uw dorp
tap start
expect-text Hoe prettig woont u in uw dorp?
tap prettig-wonen.4
expect-text Weet u wie in uw dorp beslist over het geld voor het dorp?
tap weet-wie-beslist.ja
tap wijkbudget-naar.groen
expect-text Wilt u meer te zeggen hebben over uw dorp?
tap meer-zeggenschap.ja
expect-screen thanks
expect-text Zo antwoordde het dorp
tap done
wait 5
tap English
expect-text Have your say about your village
S
"$WIJKSTEM" --headless --data "$tmp/k" --script "$tmp/dorp.script" > "$tmp/out" 2>&1 ||
  fail "after: the kiosk does not say dorp: $(tail -5 "$tmp/out")"
[ "$(q "$tmp/k/journal.sqlite" "SELECT count(*) FROM answers WHERE question_id = 'prettig-wonen' AND value = '4'")" = 1 ] ||
  fail "the visit in the dorp was not stored"
echo "ok: after the sync and a restart the kiosk says dorp (nl, en), and a visit is stored"

# 4. The public page says Dorp.
curl -s "$url/wijk/Ten%20Boer" > "$tmp/page.html"
grep -q "<h1>Dorp Ten Boer: wat het dorp zei" "$tmp/page.html" || fail "the public page does not say dorp: $(grep -o '<h1>[^<]*' "$tmp/page.html")"
echo "ok: the public page says Dorp Ten Boer"

# 5. Back to a wijk: the kiosk says wijk again after its next sync and start.
"$STORE" place --db "$tmp/store.db" --wijk "Ten Boer" --kind wijk > /dev/null || fail "place --kind wijk"
"$WIJKSTEM" sync --data "$tmp/k" > "$tmp/sync.out" || fail "sync: $(cat "$tmp/sync.out")"
"$WIJKSTEM" --headless --data "$tmp/k" --script "$tmp/wijk.script" > "$tmp/out" 2>&1 ||
  fail "back to a wijk: the attract screen does not say wijk: $(tail -3 "$tmp/out")"
echo "ok: set back to a wijk, the kiosk says wijk again"
echo "e2e_dorp: all checks passed"
