#!/usr/bin/env bash
# Speech on the real binary: "lees voor" says the question and its options in the
# visit's language, a chosen answer is never said, speech-on reads each new screen and
# the idle warning, and the next visitor starts without speech. Under --headless
# nothing is played (the trace shows each utterance as "speak LANG: TEXT"); under
# Xvfb, with no sound card, the kiosk says so once in its log and carries on.
# Usage: e2e_speech.sh WIJKSTEM SOURCE_DIR [PNG_CHECK]
set -euo pipefail
WIJKSTEM=$1
PNG_CHECK=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# The utterances of a trace between two marker lines ("screen ..." lines and the like).
spoken() { grep '^speak ' "$1" || true; }

# 1. Lees voor, then an answer: the answer's label is not spoken after the tap.
cat > "$tmp/read.script" <<'S'
tap start
expect-screen question
tap speech-read
tap weet-wie-beslist.nee
S
# Answer question 1 first so question 2 (ja / nee / weet ik niet) is on screen.
sed -i 's/^tap speech-read$/tap prettig-wonen.4\ntap speech-read/' "$tmp/read.script"
"$WIJKSTEM" --headless --trace --data "$tmp/d1" --script "$tmp/read.script" > "$tmp/read.out" || fail "read script"
spoken "$tmp/read.out" > "$tmp/read.speak"
want="speak nl: Vraag 2 van 4
speak nl: Weet u wie in uw wijk beslist over het geld voor de wijk?
speak nl: Ja
speak nl: Nee
speak nl: Weet ik niet
speak nl: Deze vraag overslaan
speak nl: Stoppen"
[ "$(cat "$tmp/read.speak")" = "$want" ] || fail "lees voor said:
$(cat "$tmp/read.speak")"
# Nothing is said after the answer's commit (speech is off): the tap is silent.
after=$(sed -n '/^committed .* 2$/,$p' "$tmp/read.out" | grep '^speak ' || true)
[ -z "$after" ] || fail "something was said after the answer: $after"
echo "ok: lees voor reads the question and every option; the answer is not read back"

EN_PROMPT="How pleasant is it to live in your neighbourhood?" # the pack's first question, in English
# 2. English, speech on for the visit: each new screen is read, the chosen answer is not
#    said by itself, the idle warning is read with its seconds, the next visit is silent.
cat > "$tmp/on.script" <<'S'
tap lang-en
tap start
tap speech-on
tap prettig-wonen.2
tap weet-wie-beslist.nee
wait 60
expect-screen still-there
tap continue
tap stop
tap done
wait 5
tap start
tap prettig-wonen.5
S
"$WIJKSTEM" --headless --trace --data "$tmp/d2" --script "$tmp/on.script" > "$tmp/on.out" || fail "speech-on script"
grep -q "^speak en: $EN_PROMPT\$" "$tmp/on.out" || fail "the first question was not read in English: $(cat "$tmp/on.out")"
grep -q '^speak nl: ' "$tmp/on.out" && fail "Dutch speech in an English visit"
# The answers' labels never follow their tap: after "committed ... 1" the next speech is question 2.
first_after=$(sed -n '/^committed .* 1$/,$p' "$tmp/on.out" | grep -m1 '^speak ' || true)
[ "$first_after" = "speak en: Question 2 of 4" ] || fail "after the first answer: '$first_after'"
grep -q '^speak en: Are you still there?$' "$tmp/on.out" || fail "the idle warning was not spoken"
grep -q '^speak en: The kiosk starts again in 20 seconds.$' "$tmp/on.out" || fail "no seconds in the spoken warning"
grep -q '^speak stop$' "$tmp/on.out" || fail "speech did not stop at the end of the visit"
# The next visit (after "speak stop") says nothing: speech is back to off.
next=$(sed -n '/^speak stop$/,$p' "$tmp/on.out" | grep '^speak [a-z][a-z]:' || true)
[ -z "$next" ] || fail "the next visitor heard: $next"
echo "ok: speech on reads each screen and the idle warning in English; reset for the next visitor"

# 3. A window under Xvfb (no sound card): speech is tried, fails once in words in the
#    log, the kiosk carries on and exits 0.
if command -v xvfb-run > /dev/null; then
    cat > "$tmp/window.script" <<'S'
tap start
tap speech-on
tap prettig-wonen.4
tap speech-read
sleep 0.5
tap weet-wie-beslist.ja
expect-screen question
S
    [ -n "$PNG_CHECK" ] && echo "screenshot $tmp/question.png" >> "$tmp/window.script"
    xvfb-run -a -n $(( 200 + RANDOM % 700 )) -s "-screen 0 1920x1080x24" "$WIJKSTEM" --windowed 1920x1080 --data "$tmp/d3" \
        --script "$tmp/window.script" > "$tmp/window.out" 2> "$tmp/window.err" || fail "window script: $(cat "$tmp/window.err")"
    if grep -q 'speech stays silent' "$tmp/d3/kiosk.log"; then
        [ "$(grep -c 'speech stays silent' "$tmp/d3/kiosk.log")" = 1 ] || fail "the missing sound device was logged more than once"
        echo "ok: no sound device: logged once ($(grep -m1 'speech stays silent' "$tmp/d3/kiosk.log" | cut -c22-))"
    else
        echo "ok: a sound device played the speech"
    fi
    if [ -n "$PNG_CHECK" ]; then
        "$PNG_CHECK" "$tmp/question.png" > /dev/null || fail "no screenshot"
    fi
else
    echo "skip: no xvfb-run"
fi
