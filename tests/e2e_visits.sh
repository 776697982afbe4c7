#!/usr/bin/env bash
# 100 visits through the bundled poll on the real binary (headless, virtual clock):
# varied answers, skips, visits stopped early (with and without an answer), the
# thanks screen left by "Klaar" or by its time-out. The journal must then hold exactly
# the answers the script gave, in order, one session per visit that answered
# something, with sequence numbers 1..N. A failing script line must make the run exit
# non-zero with FILE:LINE: pointing at that line.
# Usage: e2e_visits.sh WIJKSTEM SOURCE_DIR [PNG_CHECK]
set -euo pipefail
WIJKSTEM=$1 SRC=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v sqlite3 > /dev/null || fail "the sqlite3 command-line tool is missing (tools/install-deps.sh installs it)"

VISITS=100
SEED=${E2E_VISITS_SEED:-20260111}
RANDOM=$SEED

questions=(prettig-wonen weet-wie-beslist wijkbudget-naar meer-zeggenschap)
declare -A options=(
  [prettig-wonen]="1 2 3 4 5"
  [weet-wie-beslist]="ja nee weet-niet"
  [wijkbudget-naar]="groen spelen veiligheid ontmoeten activiteiten"
  [meer-zeggenschap]="ja nee weet-niet"
)
# Sets $picked (no subshell, so $RANDOM keeps advancing in this shell).
pick() { local -a o=(${options[$1]}); picked=${o[RANDOM % ${#o[@]}]}; }

# --- generate the script and, alongside, what the journal must hold --------------
script=$tmp/visits.script
: > "$script"
: > "$tmp/expected.order"      # question=value, one line per stored answer, in order
: > "$tmp/expected.visit"      # ordinal of the answering visit, one line per answer
declare -A tally=()
answers=0 sessions=0 skips=0 stops_after_one=0 stops_empty=0 all_skipped=0 timeouts=0

emit() { printf '%s\n' "$@" >> "$script"; }
answer() { # QUESTION VALUE VISIT_ORDINAL
  emit "tap $1.$2"
  echo "$1=$2" >> "$tmp/expected.order"
  echo "$3" >> "$tmp/expected.visit"
  tally[$1=$2]=$(( ${tally[$1=$2]:-0} + 1 ))
  answers=$((answers + 1))
}

for ((v = 1; v <= VISITS; v++)); do
  emit "# visit $v" "expect-screen attract" "tap start" "expect-screen question"
  given=0
  ordinal=$((sessions + 1))
  if ((v % 25 == 7)); then
    # One answer, then "Stoppen": the answer is kept and the resident is thanked.
    q=${questions[RANDOM % 3]}   # not the last question: that one ends the visit by itself
    for ((i = 0; i < 4; i++)); do
      if [ "${questions[i]}" = "$q" ]; then break; fi
      emit "tap skip"; skips=$((skips + 1))
    done
    pick "$q"; answer "$q" "$picked" "$ordinal"; given=1
    emit "tap stop" "expect-screen thanks" "expect-text Bedankt!"
    stops_after_one=$((stops_after_one + 1))
  elif ((v % 33 == 5)); then
    # "Stoppen" before any answer: straight back to the start, nothing stored.
    if ((v % 2)); then emit "tap skip"; skips=$((skips + 1)); fi
    emit "tap stop" "expect-screen attract"
    stops_empty=$((stops_empty + 1))
  elif ((v % 40 == 11)); then
    # Every question skipped: thanks, but no answer and no session.
    for q in "${questions[@]}"; do emit "tap skip"; done
    skips=$((skips + 4)); all_skipped=$((all_skipped + 1))
    emit "expect-screen thanks"
  else
    for ((i = 0; i < 4; i++)); do
      q=${questions[i]}
      if ((RANDOM % 4 == 0)); then emit "expect-text Vraag $((i + 1)) van 4"; fi
      if ((RANDOM % 7 == 0)); then
        emit "tap skip"; skips=$((skips + 1))
      else
        pick "$q"; answer "$q" "$picked" "$ordinal"; given=$((given + 1))
      fi
    done
    emit "expect-screen thanks"
  fi
  if [ "$(tail -1 "$script")" != "expect-screen attract" ]; then
    if ((RANDOM % 5 == 0)); then   # nobody taps "Klaar": thanks times out after 10 s
      emit "wait 9.5" "expect-screen thanks" "wait 0.5"
      timeouts=$((timeouts + 1))
    else
      emit "tap done"
    fi
    emit "expect-screen attract"
  fi
  # After a visit that stored answers the next may start only 5 s later (anti-stuffing);
  # after an empty one at once.
  if ((given > 0)); then sessions=$((sessions + 1)); emit "wait 5"; fi
done
((stops_after_one > 0 && stops_empty > 0 && skips > 0)) || fail "the generator made no stop/skip visits"

# --- run it ------------------------------------------------------------------------
data=$tmp/data
start=$(date +%s%N)
"$WIJKSTEM" --headless --data "$data" --script "$script" --trace > "$tmp/trace" 2> "$tmp/err" \
  || fail "the $VISITS-visit script failed (seed $SEED): $(cat "$tmp/err")"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
db=$data/journal.sqlite
q() { sqlite3 -batch "$db" "$1"; }

# --- status --json -----------------------------------------------------------------
json=$("$WIJKSTEM" status --json --data "$data")
key() { echo "$json" | sed -n "s/.*\"$1\": *\([0-9]*\).*/\1/p"; }
[ "$(key answers)" = "$answers" ] || fail "status says $(key answers) answers, the script gave $answers: $json"
[ "$(key sessions)" = "$sessions" ] || fail "status says $(key sessions) sessions, the script had $sessions visits with an answer: $json"
[ "$(key waiting)" = "$answers" ] || fail "status says $(key waiting) waiting, expected all $answers (no sync ran): $json"
echo "$json" | grep -q '"device_id": *"[0-9a-f-]\{36\}"' || fail "no device_id in status: $json"
echo "$json" | grep -q '"last_sync": *null' || fail "last_sync should be null before any sync: $json"

# --- the journal itself ------------------------------------------------------------
[ "$(q 'PRAGMA integrity_check')" = ok ] || fail "integrity_check: $(q 'PRAGMA integrity_check')"
[ -z "$(q 'PRAGMA foreign_key_check')" ] || fail "foreign_key_check: $(q 'PRAGMA foreign_key_check')"
read -r n distinct_seq min max distinct_id < <(q "SELECT count(*), count(DISTINCT seq), min(seq), max(seq), count(DISTINCT id) FROM answers" | tr '|' ' ')
[ "$n" = "$answers" ] || fail "the journal holds $n answers, the script gave $answers"
[ "$distinct_seq" = "$n" ] && [ "$min" = 1 ] && [ "$max" = "$n" ] \
  || fail "seq does not run 1..$n without gaps or repeats: count $n, distinct $distinct_seq, min $min, max $max"
[ "$distinct_id" = "$n" ] || fail "answer ids are not unique: $distinct_id distinct of $n"
[ "$(q 'SELECT last_seq FROM device')" = "$n" ] || fail "device.last_seq is $(q 'SELECT last_seq FROM device'), expected $n"
[ "$(q "SELECT count(*) FROM answers WHERE id NOT GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-*'")" = 0 ] \
  || fail "some answer ids are not UUIDs"
version=$(sed -n 's/^ *"version": "\(.*\)",$/\1/p' "$SRC/content/packs/gronings-model/pack.json" | head -1)
[ "$(q "SELECT count(*) FROM answers WHERE pack_id='gronings-model' AND pack_version='$version' AND synced_at IS NULL")" = "$n" ] \
  || fail "not every answer has pack gronings-model $version and synced_at NULL"
[ "$(q 'SELECT count(*) FROM sessions')" = "$sessions" ] || fail "sessions table has $(q 'SELECT count(*) FROM sessions') rows, expected $sessions"
[ "$(q 'SELECT count(*) FROM sessions WHERE id NOT IN (SELECT session_id FROM answers)')" = 0 ] \
  || fail "a session without answers was stored (skipped or empty visits must leave nothing)"

# Every answer, in the order given, with the right value.
q "SELECT question_id || '=' || value FROM answers ORDER BY seq" > "$tmp/actual.order"
diff "$tmp/expected.order" "$tmp/actual.order" > "$tmp/order.diff" \
  || fail "the stored answers differ from the script (expected < > stored):
$(head -20 "$tmp/order.diff")"
# Each answer in the session of its own visit: number the sessions by first appearance.
q "SELECT session_id FROM answers ORDER BY seq" | awk '!($0 in n) { n[$0] = ++k } { print n[$0] }' > "$tmp/actual.visit"
cmp -s "$tmp/expected.visit" "$tmp/actual.visit" || fail "answers are not grouped into one session per visit"

# The count per question and value (the whole tally, not just a sample).
for k in "${!tally[@]}"; do echo "$k=${tally[$k]}"; done | sort > "$tmp/expected.tally"
q "SELECT question_id || '=' || value || '=' || count(*) FROM answers GROUP BY question_id, value" | sort > "$tmp/actual.tally"
diff "$tmp/expected.tally" "$tmp/actual.tally" > "$tmp/tally.diff" \
  || fail "the tally per question/value differs (expected < > stored):
$(cat "$tmp/tally.diff")"
# Spot check by hand, in case both sides above were built the same wrong way.
for k in prettig-wonen=4 wijkbudget-naar=groen meer-zeggenschap=weet-niet; do
  got=$(q "SELECT count(*) FROM answers WHERE question_id || '=' || value = '$k'")
  [ "$got" = "${tally[$k]:-0}" ] || fail "$k: journal has $got, the script gave ${tally[$k]:-0}"
done

# The trace: every answer committed once with its seq, and thanked after that.
sed -n 's/^committed \([^ ]*\) \([0-9]*\)$/\1|\2/p' "$tmp/trace" > "$tmp/committed"
q "SELECT id || '|' || seq FROM answers ORDER BY seq" > "$tmp/stored"
cmp -s "$tmp/committed" "$tmp/stored" || fail "the committed lines of the trace do not match the journal's (id, seq)"
sed -n 's/^shown //p' "$tmp/trace" > "$tmp/shown"
cut -d'|' -f1 "$tmp/committed" | cmp -s - "$tmp/shown" || fail "not every committed answer was shown once, in order"
awk '/^committed /{ c[$2] = NR } /^shown /{ if (!($2 in c) || c[$2] > NR) { print $2; exit 1 } }' "$tmp/trace" > /dev/null \
  || fail "an answer was shown (thanked) before its committed line"
[ "$(grep -c '^screen thanks' "$tmp/trace")" = $((VISITS - stops_empty)) ] \
  || fail "expected $((VISITS - stops_empty)) thanks screens, trace has $(grep -c '^screen thanks' "$tmp/trace")"

echo "ok: $VISITS visits (seed $SEED) in ${ms} ms: $answers answers, $sessions sessions, $skips skips," \
     "$stops_after_one stopped after one answer, $stops_empty stopped before any, $all_skipped all skipped," \
     "$timeouts thanks time-outs; journal matches answer for answer"

# --- a failing line makes the run fail, and says FILE:LINE: ------------------------
expect_failure() { # NAME LINE  (script on stdin)
  local f=$tmp/$1.script
  cat > "$f"
  local rc=0
  "$WIJKSTEM" --headless --data "$tmp/fail-$1" --script "$f" > "$tmp/$1.out" 2> "$tmp/$1.err" || rc=$?
  [ $rc != 0 ] || fail "$1: the failing script exited 0"
  [ $rc -lt 128 ] || fail "$1: the kiosk crashed (status $rc): $(cat "$tmp/$1.err")"
  grep -q "^$f:$2: " "$tmp/$1.err" || grep -q "^$f:$2: " "$tmp/$1.out" \
    || fail "$1: expected a message starting with '$f:$2: ', got: $(cat "$tmp/$1.err" "$tmp/$1.out")"
  echo "ok: $1 -> exit $rc, $(grep -h "^$f:$2: " "$tmp/$1.err" "$tmp/$1.out" | head -1 | sed "s|^$tmp/||")"
}
expect_failure wrong-screen 5 <<'S'
# Stop before any answer goes back to attract, so thanks is wrong here.

tap start
tap stop
expect-screen thanks
tap start
S
expect_failure missing-target 4 <<'S'
tap start
tap prettig-wonen.3
	# the next question is weet-wie-beslist, which has no option 9
tap weet-wie-beslist.9
tap done
S
expect_failure missing-text 3 <<'S'
tap start
expect-text Vraag 1 van 4
expect-text Vraag 2 van 4
S
