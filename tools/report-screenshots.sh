#!/usr/bin/env bash
# Screenshots of the sample year report for the README (make sample-report runs it): the
# overview of every wijk, and one wijk's page at its section on say per theme and witte
# vlekken, in Debian's chromium (headless, through chromedriver: `chromium --screenshot`
# alone cannot scroll to a section). Checks that each page says what it should first.
# Usage: tools/report-screenshots.sh SAMPLE_DIR OUT_DIR   (SAMPLE_DIR: docs/sample-report)
set -euo pipefail
SAMPLE=$(cd "$1" && pwd)
OUT=$2
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
command -v chromium > /dev/null && [ -x /usr/bin/chromedriver ] || {
  echo "report-screenshots: chromium and chromium-driver are missing (tools/install-deps.sh installs them)" >&2
  exit 1
}
/usr/bin/python3 - "$SAMPLE/jaarrapport" "$OUT" <<'PY'
import os, sys, tempfile
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

report, out = sys.argv[1:3]
opts = webdriver.ChromeOptions()
for a in ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-background-networking",
          "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + tempfile.mkdtemp(), "--lang=nl"]:
    opts.add_argument(a)
d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
try:
    d.set_window_size(1280, 2000)
    d.get("file://" + os.path.join(report, "index.html"))
    if "Hoeveel zeggenschap wil elke wijk" not in d.page_source:
        raise SystemExit("FAIL: the overview has no say per theme")
    d.save_screenshot(os.path.join(out, "report-year.png"))
    d.set_window_size(1280, 1300)
    d.get("file://" + os.path.join(report, "wijk-westerdorp", "index.html"))
    section = d.find_element(By.ID, "zeggenschap")
    d.execute_script("window.scrollTo(0, arguments[0].getBoundingClientRect().top + window.scrollY - 16)", section)
    d.save_screenshot(os.path.join(out, "report-year-wijk.png"))
finally:
    d.quit()
print("report-screenshots: %s/report-year.png and report-year-wijk.png" % out)
PY
