#!/usr/bin/env bash
# Updates for residents end to end (issue 14): the gebiedsteam publishes an update for a
# wijk with wijkstem-store news add; an enrolled kiosk syncs and shows its title on the
# attract screen and on the news screen; the wijk's public page /wijk/NAME shows the same
# title in a real browser (Debian's chromium, headless), under its Content-Security-Policy;
# a visit's receipt from the thanks screen reads "ontvangen" there once the visit synced.
# Usage: e2e_news.sh WIJKSTEM SOURCE_DIR [PNG_CHECK]  (wijkstem-store sits next to WIJKSTEM)
# With NEWS_SCREENSHOTS=DIR it writes the news screen and the public page there (README).
set -euo pipefail
WIJKSTEM=$1
SRC=$2
PNG_CHECK=${3:-}
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh" # $tmp, $STORE; fail, q, start_store_anywhere, ...
trap e2e_cleanup EXIT
command -v xvfb-run > /dev/null || fail "xvfb-run is missing (make test installs the Debian package xvfb)"
command -v chromium > /dev/null || fail "chromium is missing (tools/install-deps.sh installs it)"

start_store_anywhere "$tmp/store.db"
enrol_kiosk "$tmp/store.db" Oosterpark "$tmp/k"
"$STORE" enroll-code --db "$tmp/store.db" --wijk Selwerd > /dev/null # a second wijk, for the wrong-wijk checks

# 1. Publishing: refusals change nothing; a good update is listed.
title="Vier nieuwe bankjes in het Oosterpark"
printf 'Veel bewoners vroegen om meer plekken om te zitten.\nDe gemeente zet in maart vier bankjes in het park.\n' > "$tmp/text.txt"
printf 'Een. Twee. Drie. Vier.' > "$tmp/long.txt"
if "$STORE" news add --db "$tmp/store.db" --wijk Oosterpark --title "Te lang" --text-file "$tmp/long.txt" 2> "$tmp/err"; then
  fail "an update of four sentences was stored"; fi
grep -q "more than 3 sentences" "$tmp/err" || fail "no clear refusal of four sentences: $(cat "$tmp/err")"
if "$STORE" news add --db "$tmp/store.db" --wijk Nergens --title x --text-file "$tmp/text.txt" 2> "$tmp/err"; then
  fail "an update for an unknown wijk was stored"; fi
printf 'Een\033[31m rode tekst.' > "$tmp/ctrl.txt"
if "$STORE" news add --db "$tmp/store.db" --wijk Oosterpark --title x --text-file "$tmp/ctrl.txt" 2> "$tmp/err"; then
  fail "an update with a control character was stored"; fi
[ "$(q "$tmp/store.db" 'SELECT count(*) FROM news')" = 0 ] || fail "a refused update left a row"
"$STORE" news add --db "$tmp/store.db" --wijk Oosterpark --title "Oud bericht" --text-file "$tmp/text.txt" \
  --date 2026-01-05 > /dev/null || fail "news add (old)"
"$STORE" news add --db "$tmp/store.db" --wijk Oosterpark --title "$title" --text-file "$tmp/text.txt" \
  --answers prettig-wonen > "$tmp/add.out" || fail "news add: $(cat "$tmp/add.out")"
"$STORE" news add --db "$tmp/store.db" --wijk Selwerd --title "Alleen voor Selwerd" --text-file "$tmp/text.txt" > /dev/null
"$STORE" news list --db "$tmp/store.db" --wijk Oosterpark > "$tmp/list.out"
[ "$(sed -n 2p "$tmp/list.out" | grep -c "$title")" = 1 ] || fail "news list: the newest is not first: $(cat "$tmp/list.out")"
grep -q "Selwerd" "$tmp/list.out" && fail "news list --wijk Oosterpark shows Selwerd's"
echo "ok: news add refuses four sentences, an unknown wijk and control characters; lists newest first"

# 2. The kiosk syncs: the updates of its own wijk only, newest first, in its journal.
"$WIJKSTEM" sync --data "$tmp/k" > "$tmp/sync.out" || fail "sync: $(cat "$tmp/sync.out")"
[ "$(q "$tmp/k/journal.sqlite" 'SELECT title FROM news ORDER BY position LIMIT 1')" = "$title" ] \
  || fail "the kiosk's journal has no update: $(q "$tmp/k/journal.sqlite" 'SELECT * FROM news')"
[ "$(q "$tmp/k/journal.sqlite" "SELECT count(*) FROM news WHERE title = 'Alleen voor Selwerd'")" = 0 ] \
  || fail "the kiosk got another wijk's update"
echo "ok: the kiosk got its wijk's 2 updates with the down-sync"

# 3. On screen: the attract screen shows the newest in turn (after 10 s), the button opens
#    the news screen with both; a visit's thanks screen shows a receipt and the way on.
shots=${NEWS_SCREENSHOTS:-$tmp/shots}
mkdir -p "$shots"
cat > "$tmp/screen.script" <<SCRIPT
expect-screen attract
wait 11
expect-text $title
screenshot $shots/attract-news.png
tap news
expect-screen news
expect-text $title
expect-text Oud bericht
tap news-read-0
screenshot $shots/news.png
tap news-back
expect-screen attract
$(quick_visit 4 ja groen nee 31)
$(quick_visit 5 nee groen ja 31)
$(quick_visit 3 ja spelen nee 31)
$(quick_visit 4 weet-niet groen ja 31)
$(quick_visit 4 ja groen nee 0 | sed '/^tap done$/d')
expect-screen thanks
expect-text Uw bewijsnummer:
expect-text Nieuws uit de wijk
screenshot $shots/thanks-receipt.png
tap done
wait 6
SCRIPT
xvfb-run -a -n $(( 200 + RANDOM % 700 )) -s "-screen 0 1920x1080x24" "$WIJKSTEM" --windowed 1920x1080 --no-sync \
  --data "$tmp/k" --script "$tmp/screen.script" > "$tmp/screen.out" 2>&1 || fail "the kiosk script: $(tail -5 "$tmp/screen.out")"
if [ -n "$PNG_CHECK" ]; then
  for png in "$shots/attract-news.png" "$shots/news.png" "$shots/thanks-receipt.png"; do
    "$PNG_CHECK" "$png" > /dev/null || fail "$png is not a good screenshot"
  done
fi
echo "ok: the title on the attract screen and the news screen; the thanks screen shows a receipt"

# 4. The receipt: what the kiosk showed is what the store notes when the visit arrives.
session=$(q "$tmp/k/journal.sqlite" 'SELECT session_id FROM answers ORDER BY seq DESC LIMIT 1')
token=$(q "$tmp/k/journal.sqlite" 'SELECT token FROM store')
receipt=$(/usr/bin/python3 - "$token" "$session" <<'PY'
import hashlib, sys
key = hashlib.blake2b(sys.argv[1].encode(), digest_size=32).digest()           # the token's hash
h = hashlib.blake2b(("wijkstem-receipt:" + sys.argv[2]).encode(), key=key, digest_size=16).digest()
bits, a, code = int.from_bytes(h[:5], "big"), "0123456789ABCDEFGHJKMNPQRSTVWXYZ", ""
for i in range(7, -1, -1):
    code += a[(bits >> (5 * i)) & 31] + ("-" if i == 4 else "")
print(code)
PY
)
[ "$(q "$tmp/store.db" 'SELECT count(*) FROM receipts')" = 0 ] || fail "a receipt before the visit arrived"
"$WIJKSTEM" sync --data "$tmp/k" > /dev/null || fail "sync after the visit"
[ "$(q "$tmp/store.db" "SELECT count(*) FROM receipts WHERE code = '$receipt'")" = 1 ] \
  || fail "the store did not note receipt $receipt: $(q "$tmp/store.db" 'SELECT * FROM receipts')"
echo "ok: receipt $receipt noted at the store when the visit arrived"

# 5. The public page in a real browser: the title, the receipt, a strict CSP that still
#    lets the page's own style through, nothing from elsewhere.
/usr/bin/python3 - "$url" "$title" "$receipt" "$shots" > "$tmp/browser.out" 2>&1 <<'PY' || fail "the public page: $(cat "$tmp/browser.out")"
import os, sys, tempfile, urllib.request, urllib.error
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
url, title, receipt, shots = sys.argv[1:5]
def check(cond, msg):
    if not cond:
        raise SystemExit("FAIL: " + msg)
opts = webdriver.ChromeOptions()
for a in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
          "--disable-dev-shm-usage", "--window-size=1000,1400", "--user-data-dir=" + tempfile.mkdtemp(), "--lang=nl"]:
    opts.add_argument(a)
opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
try:
    d.get(url + "/wijk/Oosterpark")
    check(title in d.find_element(By.ID, "updates").find_element(By.XPATH, "..").text, "the title is not on the page")
    check("Alleen voor Selwerd" not in d.page_source, "another wijk's update on the page")
    heads = [h.text for h in d.find_elements(By.TAG_NAME, "h3")]
    check(heads.index(title) < heads.index("Oud bericht"), "updates not newest first: %s" % heads)
    colour = d.execute_script("return getComputedStyle(document.querySelector('h2')).borderBottomColor")
    check(colour == "rgb(11, 79, 138)", "the page's own style was blocked (CSP hash?): %s" % colour)
    errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE"]
    check(not errors, "the browser reported errors: %s" % errors)
    d.find_element(By.ID, "bon").send_keys(receipt.lower())
    d.find_element(By.CSS_SELECTOR, "form button").click()
    # The form loads a new page: wait for its answer (a click returns before the page is there).
    WebDriverWait(d, 30).until(lambda drv: drv.find_elements(By.ID, "bon-antwoord"))
    answer = d.find_element(By.ID, "bon-antwoord").text
    check(answer.startswith("Ontvangen door de gemeente op "), "receipt: %s" % answer)
    d.set_window_size(1000, 2400) # the whole page, top to the receipt's answer, for the README
    d.get(url + "/wijk/Oosterpark?bon=" + receipt)
    d.save_screenshot(os.path.join(shots, "public-page.png"))
    d.get(url + "/wijk/Oosterpark?bon=ABCD-EFGH")
    check(d.find_element(By.ID, "bon-antwoord").text.startswith("Nog niet ontvangen"), "an unknown receipt")
    d.get(url + "/wijk/Oosterpark?bon=%3Cscript%3E")
    check("Dit is geen bewijsnummer" in d.find_element(By.ID, "bon-antwoord").text, "a malformed receipt")
    check("<script>" not in d.page_source.split("<main>")[1] or "&lt;script&gt;" in d.page_source, "unescaped input")
finally:
    d.quit()
# Headers, the unknown wijk, and the rate limit, without a browser.
r = urllib.request.urlopen(url + "/wijk/Oosterpark")
csp = r.headers["Content-Security-Policy"]
check("default-src 'none'" in csp and "script-src" not in csp and "unsafe-inline" not in csp, "CSP: %s" % csp)
body = r.read().decode()
check("http://" not in body and "https://" not in body and "<script" not in body, "a resource from elsewhere")
try:
    urllib.request.urlopen(url + "/wijk/Nergens")
    check(False, "an unknown wijk got a page")
except urllib.error.HTTPError as e:
    check(e.code == 404, "unknown wijk: %d" % e.code)
codes = []
for i in range(12):
    try:
        codes.append(urllib.request.urlopen(url + "/wijk/Oosterpark?bon=ABCD-EFG%d" % i).status)
    except urllib.error.HTTPError as e:
        codes.append(e.code)
check(429 in codes, "receipt look-ups are not rate-limited: %s" % codes)
print("ok")
PY
echo "ok: /wijk/Oosterpark in chromium: the title, newest first, the receipt received, CSP holds, look-ups limited"

# 6. news remove: gone from the store, the kiosk (after a sync) and the page.
id=$("$STORE" news list --db "$tmp/store.db" --wijk Oosterpark | sed -n 2p | cut -d' ' -f1)
"$STORE" news remove --db "$tmp/store.db" "$id" > /dev/null || fail "news remove $id"
if "$STORE" news remove --db "$tmp/store.db" "$id" 2> /dev/null; then fail "removing twice succeeded"; fi
"$WIJKSTEM" sync --data "$tmp/k" > /dev/null || fail "sync after remove"
[ "$(q "$tmp/k/journal.sqlite" "SELECT count(*) FROM news WHERE title = '$title'")" = 0 ] || fail "the kiosk kept a removed update"
curl -s "$url/wijk/Oosterpark" | grep -q "$title" && fail "the page kept a removed update"
echo "ok: news remove takes it from the kiosk and the page"
