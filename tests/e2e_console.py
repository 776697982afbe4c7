#!/usr/bin/python3
"""The console end to end: log in; make an enrol code; enrol a kiosk with it (the real
`wijkstem enroll`); answer and sync; see the kiosk and its answers; a broken pack shows its
problems with positions and publishes nothing, a good one publishes; a quick poll made in
the browser reaches the kiosk after a sync, is answered there and counted in the results;
the CSV and the zip download; the year report (Jaarrapport) holds only the user's wijken (an
admin's: all); a gebiedsteam user of wijk A sees nothing of wijk B, also by typed URLs; a form without its CSRF token changes nothing; 30 wrong passwords slow the next
attempts down. Screenshots of every page (1280x900) go to CONSOLE_SCREENSHOTS if set."""
import json, os, re, shutil, socket, sqlite3, subprocess, sys, tempfile, time, urllib.request, urllib.error, zipfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

WIJKSTEM = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
STORE = os.path.join(os.path.dirname(WIJKSTEM), "wijkstem-store")
SHOTS = os.environ.get("CONSOLE_SCREENSHOTS", "")
PASSWORD = "een goed wachtwoord"
tmp = tempfile.mkdtemp(prefix="wijkstem-e2e-console-")
db = os.path.join(tmp, "store.db")
procs = []
t0 = time.time()


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    log = os.path.join(tmp, "store.log")
    if os.path.exists(log):
        for line in open(log, encoding="utf-8", errors="replace").read().splitlines()[-30:]:
            print("  store: " + line, file=sys.stderr)
    raise SystemExit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def run(args, stdin=None, ok=True):
    r = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=120)
    if ok and r.returncode != 0:
        fail("%s exited %d: %s %s" % (" ".join(args), r.returncode, r.stdout, r.stderr))
    return r


def q(sql, *args):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


# --- the store, its users -----------------------------------------------------------------
run([STORE, "add-user", "--db", db, "beheer", "--role", "admin"], PASSWORD + "\n")
run([STORE, "add-user", "--db", db, "anna", "--role", "gebiedsteam", "--wijk", "Oosterpark"], PASSWORD + "\n")
run([STORE, "add-user", "--db", db, "bert", "--role", "gebiedsteam", "--wijk", "Selwerd"], PASSWORD + "\n")
r = run([STORE, "add-user", "--db", db, "kort", "--role", "admin"], "te kort\n", ok=False)
check(r.returncode != 0 and "at least 10" in r.stderr, "a short password was not refused: " + r.stderr)
users = run([STORE, "users", "--db", db]).stdout
check("anna" in users and "gebiedsteam" in users and "Oosterpark" in users and "argon2" not in users,
      "users lists names, roles and wijken, never hashes: " + users)

port = url = None
for attempt in range(5):
    port = free_port()
    log = open(os.path.join(tmp, "store.log"), "w")
    p = subprocess.Popen([STORE, "serve", "--db", db, "--listen", "127.0.0.1:%d" % port], stderr=log)
    for i in range(200):
        if "listening" in open(os.path.join(tmp, "store.log")).read():
            break
        if p.poll() is not None:
            break
        time.sleep(0.05)
    if p.poll() is None:
        procs.append(p)
        url = "http://127.0.0.1:%d" % port
        break
check(url, "the store did not start")

# --- the browser --------------------------------------------------------------------------
opts = webdriver.ChromeOptions()
for a in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
          "--window-size=1280,900", "--user-data-dir=" + os.path.join(tmp, "chrome"), "--lang=nl"]:
    opts.add_argument(a)
downloads = os.path.join(tmp, "downloads")
os.makedirs(downloads)
opts.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False,
                                          "intl.accept_languages": "nl"})
env = dict(os.environ, LANGUAGE="nl", LANG="nl_NL.UTF-8")  # the browser's own words (a file field) in Dutch
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver", env=env), options=opts)
VIEWPORT = {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}
driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", VIEWPORT)  # the page itself 1280x900


def cleanup():
    try:
        driver.quit()
    except Exception:
        pass
    for p in procs:
        p.terminate()
        p.wait()
    if not os.environ.get("CONSOLE_KEEP"):
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print("kept " + tmp)


def is_gone(element):
    """The old page's element is gone. Chromium reports a node of a page that was just replaced
    either as stale or, in a race, as a node that "does not belong to the document": both mean
    the new page is there (selenium's staleness_of only knows the first)."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as e:
        if "does not belong to the document" in str(e):
            return True
        raise


def navigate(element):
    """Clicks what loads a new page and waits until it has."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 30).until(lambda d: is_gone(old))
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def go(path):
    driver.get(url + path)


def text():
    return driver.find_element(By.TAG_NAME, "body").text


def shot(name):
    if not SHOTS:
        return
    driver.save_screenshot(os.path.join(SHOTS, "console-%s.png" % name))


def login(name, password=PASSWORD):
    go("/console/login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(password)
    navigate(driver.find_element(By.CSS_SELECTOR, "button[type=submit]"))


def logout():
    navigate(driver.find_element(By.XPATH, "//nav//button[text()='Uitloggen']"))
    check("U bent uitgelogd" in text(), "logout did not say so")


def kiosk(name, script_text):
    path = os.path.join(tmp, name + ".script")
    open(path, "w").write(script_text)
    r = run([WIJKSTEM, "--headless", "--data", os.path.join(tmp, name), "--script", path], ok=False)
    check(r.returncode == 0, "kiosk %s script failed: %s %s" % (name, r.stdout[-2000:], r.stderr[-2000:]))


def device_id(name):
    st = json.loads(run([WIJKSTEM, "status", "--json", "--data", os.path.join(tmp, name)]).stdout)
    return st["device_id"]


VISIT = "tap start\ntap prettig-wonen.4\ntap weet-wie-beslist.ja\ntap wijkbudget-naar.groen\ntap meer-zeggenschap.nee\ntap done\nwait 31\n"

try:
    # 1. Log in; nothing without a session.
    go("/console/kiosks")
    check(driver.current_url.endswith("/console/login"), "a page without a session did not go to the login")
    shot("login")
    login("anna")
    check(driver.current_url.endswith("/console/kiosks"), "the login did not open the kiosks")
    cookies = {c["name"]: c for c in driver.get_cookies()}
    c = cookies.get("wijkstem_console")
    check(c and c["httpOnly"] and c.get("sameSite") == "Strict", "the session cookie is not HttpOnly/Strict: %r" % c)
    # the console's cookie opens nothing of the kiosk API
    req = urllib.request.Request(url + "/v1/content", headers={"Cookie": "wijkstem_console=" + c["value"]})
    try:
        urllib.request.urlopen(req)
        fail("the console cookie opened /v1/content")
    except urllib.error.HTTPError as e:
        check(e.code == 401, "/v1/content with a console cookie: %d" % e.code)

    # 2. An enrol code, and a kiosk enrolled with it.
    navigate(driver.find_element(By.LINK_TEXT, "Kiosk aanmelden"))
    navigate(driver.find_element(By.ID, "make-code"))
    code = driver.find_element(By.ID, "enroll-code").text.strip()
    check(re.fullmatch(r"[2-9A-Z]{5}-[2-9A-Z]{5}", code), "no enrol code shown: %r" % code)
    check("Eenmalig" in text(), "the code's validity is not shown")
    shot("enrol")
    run([WIJKSTEM, "enroll", url, code, "--data", os.path.join(tmp, "k1")])
    kiosk("k1", VISIT * 5)
    run([WIJKSTEM, "sync", "--data", os.path.join(tmp, "k1")])
    k1 = device_id("k1")
    # a kiosk in Selwerd, from the command line, with answers of its own
    code_b = run([STORE, "enroll-code", "--db", db, "--wijk", "Selwerd"]).stdout.strip()
    run([WIJKSTEM, "enroll", url, code_b, "--data", os.path.join(tmp, "k2")])
    kiosk("k2", VISIT * 2)
    run([WIJKSTEM, "sync", "--data", os.path.join(tmp, "k2")])
    k2 = device_id("k2")

    # 3. The kiosk and its answers.
    navigate(driver.find_element(By.LINK_TEXT, "Kiosks"))
    row = driver.find_element(By.CSS_SELECTOR, "tr[data-device='%s']" % k1).text
    check("Oosterpark" in row and " 20 " in " " + row + " ", "the kiosk row lacks its wijk or 20 answers: " + row)
    check(k2 not in driver.page_source, "anna sees the Selwerd kiosk")

    # 4. A form posted without its CSRF token changes nothing (the revoke confirmation).
    go("/console/kiosks/intrekken?device=" + k1)
    check("intrekken?" in text(), "no confirmation page before revoking")
    shot("revoke")
    driver.execute_script("document.querySelector('main form input[name=csrf]').remove()")
    navigate(driver.find_element(By.ID, "confirm-revoke"))
    check("niets veranderd" in text(), "a form without its token was not refused: " + text()[:300])
    check(q("SELECT revoked_at IS NULL FROM devices WHERE id = ?", k1) == [(1,)], "the kiosk was revoked without a token")

    # 5. A broken pack: its problems with FILE:LINE:COL, nothing published; then a good one.
    pack = open(os.path.join(SRC, "content/packs/gronings-model/pack.json"), encoding="utf-8").read()
    broken = pack.replace('"start_poll": "snelle-peiling"', '"start_poll": "bestaat-niet"', 1)
    check(broken != pack, "cannot break the pack for the test")
    os.makedirs(os.path.join(tmp, "broken"))
    open(os.path.join(tmp, "broken/pack.json"), "w", encoding="utf-8").write(broken)
    navigate(driver.find_element(By.LINK_TEXT, "Inhoud"))
    driver.find_element(By.ID, "pack").send_keys(os.path.join(tmp, "broken/pack.json"))
    navigate(driver.find_element(By.ID, "publish-pack"))
    problems = driver.find_element(By.ID, "problems").text
    check(re.search(r"pack\.json:\d+:\d+: .*bestaat-niet", problems), "the problem has no position: " + problems)
    check(q("SELECT count(*) FROM packs") == [(0,)], "a broken pack was published")
    shot("content-errors")
    driver.find_element(By.ID, "pack").send_keys(os.path.join(SRC, "content/packs/gronings-model/pack.json"))
    navigate(driver.find_element(By.ID, "publish-pack"))
    check("Gepubliceerd" in text(), "the good pack was not published: " + text()[:400])
    check(q("SELECT wijk FROM packs") == [("Oosterpark",)], "the pack is not in the store")
    shot("content")

    # 6. A quick poll in the browser: preview, publish.
    navigate(driver.find_element(By.LINK_TEXT, "Snelle peilingen"))
    shot("polls")
    driver.find_element(By.ID, "f-title.nl").send_keys("Speeltuin Oosterpark")
    Select(driver.find_element(By.ID, "f-q1.type")).select_by_value("smiley")
    driver.find_element(By.ID, "f-q1.prompt.nl").send_keys("Hoe vindt u de nieuwe speeltuin?")
    driver.find_element(By.ID, "more-question").click()
    Select(driver.find_element(By.ID, "f-q2.type")).select_by_value("single")
    driver.find_element(By.ID, "f-q2.prompt.nl").send_keys("Wat mist er het meest?")
    for i, label in enumerate(["Een schommel", "Bankjes", "Schaduw"], 1):
        driver.find_element(By.ID, "f-q2.opt%d.nl" % i).send_keys(label)
    driver.find_element(By.XPATH, "//fieldset[.//input[@id='f-q2.prompt.nl']]//summary[contains(., 'Engels')]").click()
    driver.find_element(By.ID, "f-q2.prompt.en").send_keys("What is missing most?")
    navigate(driver.find_element(By.ID, "preview-poll"))
    page = text()
    check("Dit is een voorbeeld" in page and "What is missing most?" in page, "no preview: " + page[:500])
    check("Hoe vindt u de nieuwe speeltuin? (not translated yet: in Dutch)" in page,
          "a missing translation does not say so in its language")
    check(q("SELECT version FROM packs") == [("2.4.0",)] or q("SELECT count(*) FROM packs WHERE version LIKE '%.0'"),
          "the preview changed the pack")
    version_before = q("SELECT version FROM packs")[0][0]
    driver.execute_script("document.getElementById('preview').scrollIntoView()")
    shot("poll-preview")
    navigate(driver.find_element(By.ID, "publish-poll"))
    check("is gepubliceerd" in text(), "the poll was not published: " + text()[:500])
    poll_id = driver.find_element(By.ID, "poll-id").text
    check(poll_id == "peiling-speeltuin-oosterpark", "poll id " + poll_id)
    version_after = q("SELECT version FROM packs")[0][0]
    check(version_after != version_before, "publishing the poll made no new pack version")

    # 7. The kiosk gets it with its next sync, offers it, and its answers are counted.
    run([WIJKSTEM, "sync", "--data", os.path.join(tmp, "k1")])
    kpack = json.load(open(os.path.join(tmp, "k1/pack/pack.json"), encoding="utf-8"))
    check(kpack["start_poll"] == poll_id and kpack["version"] == version_after, "the kiosk did not get the poll")
    poll_visit = ("tap start\nexpect-text Hoe vindt u de nieuwe speeltuin?\ntap %s-1.4\n"
                  "expect-text Wat mist er het meest?\ntap %s-2.bankjes\ntap done\nwait 31\n") % (poll_id, poll_id)
    kiosk("k1", poll_visit * 5)
    run([WIJKSTEM, "sync", "--data", os.path.join(tmp, "k1")])
    check(q("SELECT count(*) FROM answers WHERE question_id = ?", poll_id + "-2") == [(5,)],
          "the store does not hold the poll's 5 answers")

    navigate(driver.find_element(By.LINK_TEXT, "Resultaten"))
    check("Resultaten Oosterpark" in text(), "no results page")
    frame = driver.find_element(By.CSS_SELECTOR, "iframe.report")
    driver.switch_to.frame(frame)
    report = driver.page_source
    # for the screenshot: the report scrolled to the quick poll's charts
    driver.execute_script("var h = document.getElementById('deel-1'); if (h) window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 8)")
    driver.switch_to.default_content()
    check("Wat mist er het meest?" in report and "Bankjes" in report, "the poll is not in the report: " + report[:800])
    check("Selwerd" not in report, "the report shows Selwerd")
    shot("results")

    # 8. The CSV and the zip.
    driver.find_element(By.ID, "download-csv").click()
    csv_path = os.path.join(downloads, "wijkstem-oosterpark.csv")
    for i in range(600):  # up to 60 s on a loaded machine
        if os.path.exists(csv_path):
            break
        time.sleep(0.1)
    check(os.path.exists(csv_path), "the CSV did not download: %r" % os.listdir(downloads))
    lines = open(csv_path, encoding="utf-8").read().splitlines()
    check(lines[0].startswith("answer_id,device_id,device_seq,wijk"), "CSV header: " + lines[0])
    check(len(lines) == 1 + 20 + 10, "CSV rows: %d" % (len(lines) - 1))
    check(all(",Oosterpark," in l for l in lines[1:]) and not any(k2 in l for l in lines), "the CSV holds another wijk")
    check(sum(poll_id + "-2,bankjes" in l for l in lines) == 5, "the poll's answers are not in the CSV")
    driver.find_element(By.ID, "download-zip").click()
    zip_path = os.path.join(downloads, "wijkstem-rapport-oosterpark.zip")
    for i in range(600):
        if os.path.exists(zip_path):
            break
        time.sleep(0.1)
    check(os.path.exists(zip_path), "the zip did not download: %r" % os.listdir(downloads))
    names = zipfile.ZipFile(zip_path).namelist()
    check("rapport/index.html" in names and "rapport/counts.csv" in names, "zip: %r" % names)

    # 8b. The year report, found in the navigation: only anna's wijk, not Selwerd.
    navigate(driver.find_element(By.LINK_TEXT, "Jaarrapport"))
    check("Alleen uw wijken staan erin: Oosterpark." in text(), "the year report does not name anna's wijken")
    driver.switch_to.frame(driver.find_element(By.CSS_SELECTOR, "iframe.report"))
    year = driver.page_source
    driver.switch_to.default_content()
    check("Hoeveel zeggenschap wil elke wijk" in year and ">Oosterpark</a>" in year, "no year report: " + year[:800])
    check("Selwerd" not in year and "Selwerd" not in driver.page_source, "the year report shows Selwerd")
    shot("jaarrapport")
    go("/console/jaarrapport/bestand/wijk-selwerd/index.html")
    check(driver.title.startswith("Niet gevonden") and "Selwerd" not in driver.page_source,
          "anna opened Selwerd's page of the year report: " + driver.title)

    # 9. Wijk B by typed URLs: 403, nothing of it shown.
    for path in ["/console/kiosks?wijk=Selwerd", "/console/kiosks/intrekken?device=" + k2,
                 "/console/resultaten?wijk=Selwerd", "/console/resultaten/csv?wijk=Selwerd",
                 "/console/resultaten/zip?wijk=Selwerd", "/console/rapport/maand/Selwerd/index.html",
                 "/console/peilingen?wijk=Selwerd", "/console/gebruikers"]:
        go(path)
        check(driver.title.startswith("Geen toegang"), "%s did not refuse: %s" % (path, driver.title))
        check(k2 not in driver.page_source, path + " shows the Selwerd kiosk")
    shot("forbidden")
    check(not os.path.exists(os.path.join(downloads, "wijkstem-selwerd.csv")), "a CSV of Selwerd downloaded")
    logout()

    # 10. The admin: every wijk, a kiosk silent for two days, the users page.
    q2 = sqlite3.connect(db)
    q2.execute("UPDATE device_syncs SET last_sync_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-2 days') "
               "WHERE device_id = ?", (k2,))
    q2.commit()
    q2.close()
    login("beheer")
    page = driver.page_source
    check(k1 in page and k2 in page, "the admin does not see both kiosks")
    silent = driver.find_element(By.CSS_SELECTOR, "tr[data-device='%s']" % k2)
    check("stil" in silent.get_attribute("class") and "stil sinds" in silent.text, "no 'stil sinds' for the silent kiosk")
    shot("kiosks")
    navigate(driver.find_element(By.LINK_TEXT, "Gebruikers"))
    driver.find_element(By.ID, "naam").send_keys("carla")
    driver.find_element(By.ID, "nieuwe_wijken").send_keys("Beijum")
    driver.find_element(By.ID, "wachtwoord").send_keys(PASSWORD)
    driver.find_element(By.ID, "wachtwoord2").send_keys(PASSWORD)
    navigate(driver.find_element(By.ID, "add-user"))
    check("carla is toegevoegd" in text(), "the user was not added: " + text()[:300])
    check("carla" in run([STORE, "users", "--db", db]).stdout, "carla is not in users")
    shot("users")
    go("/console/jaarrapport")
    driver.switch_to.frame(driver.find_element(By.CSS_SELECTOR, "iframe.report"))
    year = driver.page_source
    driver.switch_to.default_content()
    check(">Oosterpark</a>" in year and ">Selwerd</a>" in year, "the admin's year report lacks a wijk")
    # The placeholder "Updates (later)" became the page itself (issue 14): an update for residents.
    go("/console/updates")
    driver.find_element(By.ID, "title").send_keys("Nieuwe bankjes in het park")
    driver.find_element(By.ID, "text").send_keys("Veel bewoners vroegen erom. De gemeente zet ze in maart neer.")
    navigate(driver.find_element(By.ID, "add-update"))
    check("De update is geplaatst" in text() and "Nieuwe bankjes in het park" in text(),
          "the update was not placed: " + text()[:300])
    check("Nieuwe bankjes in het park" in run([STORE, "news", "list", "--db", db]).stdout, "the update is not in news list")
    shot("updates")
    logout()

    # 11. 30 wrong passwords slow the next attempts down (refused at once, 429).
    refused = 0
    for i in range(30):
        login("bert", "verkeerd wachtwoord %d" % i)
        refused += "Probeer het over" in text()
    check(refused > 0, "30 wrong passwords were all checked: nothing slowed down")
    # The lock doubles with each checked failure; on a slow machine a short one may run out
    # between two browser logins, so go on until one has at least 4 s left, then try the
    # right password at once: it must be refused too.
    for i in range(30):
        m = re.search(r"Probeer het over (\d+) second", text())
        if m and int(m.group(1)) >= 4:
            break
        login("bert", "nog een verkeerd wachtwoord %d" % i)
    login("bert")
    check(re.search(r"Probeer het over \d+ seconden? opnieuw", text()), "the right password was let in at once: " + text()[:300])
    check(not driver.get_cookies(), "a session was made while locked")
    shot("login-slow")
    storelog = open(os.path.join(tmp, "store.log"), encoding="utf-8").read()
    check(storelog.count("console login failed for 'bert'") >= 6, "failed logins are not logged")
    check("verkeerd wachtwoord" not in storelog and PASSWORD not in storelog, "a password is in the log")
    print("e2e_console: all checks held in %.1f s" % (time.time() - t0))
finally:
    cleanup()
