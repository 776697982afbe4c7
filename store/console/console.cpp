// [SECTION] The console's style sheet and script (served by the store, nothing from elsewhere)
// [SECTION] Layout: the page, the navigation, notices
// [SECTION] Login and logout
// [SECTION] HandleConsole: sessions, CSRF, routes
#include "store/console/console.hpp"
#include "store/console/pages.hpp"
#include "store/report/html.hpp"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <unistd.h>

namespace console {

namespace {

const char* kCookie = "wijkstem_console";

//-----------------------------------------------------------------------------
// [SECTION] The console's style sheet and script
//-----------------------------------------------------------------------------

// Contrast: body text #1b1b1b on #fff (17:1), links and buttons #0b4f8a (8.6:1 with white),
// the "stil" highlight #8a1c00 on #fde8e0 (7.9:1). Focus: a 3 px outline in #ffbf47 around a
// dark ring, visible on every background.
const char* kCss = R"css(
*{box-sizing:border-box}
html{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;font-size:100%;line-height:1.5;color:#1b1b1b;background:#fff}
body{margin:0}
a{color:#0b4f8a}
a:hover{color:#062f54}
:focus-visible{outline:3px solid #ffbf47;outline-offset:0;box-shadow:0 0 0 6px #1b1b1b}
.skip{position:absolute;left:-9999px}
.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.5rem;z-index:10}
header{background:#0b4f8a;color:#fff;padding:.6rem 1.5rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem}
header .brand{font-weight:bold;font-size:1.15rem;margin-right:auto}
header .who{font-size:.95rem}
nav{background:#e8eef5;border-bottom:1px solid #b8c7d9}
nav ul{list-style:none;margin:0;padding:0 1rem;display:flex;flex-wrap:wrap}
nav li{margin:0}
nav a,nav button{display:inline-block;padding:.75rem .8rem;color:#0b3a66;text-decoration:none;font:inherit;font-size:1rem;background:none;border:0;cursor:pointer;min-height:44px}
nav a:hover,nav button:hover{text-decoration:underline}
nav a[aria-current=page]{font-weight:bold;border-bottom:4px solid #0b4f8a;color:#062f54}
nav button{margin:0;border-radius:0}
nav form.inline{display:inline-block}
nav .later{color:#4a5562;font-size:.85rem}
main{padding:1rem 1.5rem 3rem;max-width:78rem}
h1{font-size:1.7rem;margin:.6rem 0 1rem}
h2{font-size:1.3rem;margin:1.6rem 0 .6rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #c9d1da;vertical-align:top}
th{background:#f2f5f8}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.stil td{background:#fde8e0}
.stil-label{color:#8a1c00;font-weight:bold}
.muted{color:#4a5562}
form.inline{display:inline}
label{display:block;font-weight:bold;margin:.8rem 0 .25rem}
input[type=text],input[type=password],select,textarea{font:inherit;font-size:1rem;padding:.5rem;border:2px solid #5b6673;border-radius:4px;min-height:44px;max-width:100%}
input[type=text],input[type=password]{width:28rem}
textarea{width:100%;min-height:10rem;font-family:"DejaVu Sans Mono",monospace;font-size:.9rem}
input[type=file]{font:inherit;font-size:1rem;min-height:44px;padding:.2rem 0}
input[type=file]::file-selector-button{font:inherit;padding:.5rem 1rem;min-height:44px;border:2px solid #0b4f8a;background:#fff;color:#0b4f8a;border-radius:4px;margin-right:.8rem;cursor:pointer}
fieldset{border:1px solid #b8c7d9;border-radius:6px;margin:1rem 0;padding:.5rem 1rem 1rem}
legend{font-weight:bold;padding:0 .4rem}
.hint{font-weight:normal;color:#4a5562;font-size:.95rem;margin:.1rem 0 .3rem}
button,.button{font:inherit;font-size:1rem;display:inline-block;padding:.6rem 1.2rem;min-height:44px;border-radius:4px;border:2px solid #0b4f8a;background:#0b4f8a;color:#fff;cursor:pointer;text-decoration:none;margin:.6rem .5rem 0 0}
button:hover,.button:hover{background:#062f54;color:#fff}
button.secondary,.button.secondary{background:#fff;color:#0b4f8a}
button.secondary:hover,.button.secondary:hover{background:#e8eef5;color:#062f54}
button.danger{background:#9b1c1c;border-color:#9b1c1c}
button.danger:hover{background:#6e1010}
.notice{padding:.8rem 1rem;border-left:6px solid;margin:1rem 0;border-radius:2px}
.notice.ok{border-color:#1e6b30;background:#e6f4ea}
.notice.fout{border-color:#9b1c1c;background:#fbeaea}
.notice.info{border-color:#0b4f8a;background:#e8eef5}
.code{font-family:"DejaVu Sans Mono",monospace;font-size:3.2rem;letter-spacing:.15em;font-weight:bold;padding:1rem 1.5rem;border:3px dashed #0b4f8a;display:inline-block;margin:.5rem 0}
pre{background:#f2f5f8;border:1px solid #c9d1da;padding:.6rem .8rem;font-size:1rem;overflow-x:auto}
.filters{display:flex;flex-wrap:wrap;gap:0 1.5rem;align-items:flex-end}
.filters button{margin-bottom:0}
pre.problems{background:#fbeaea;border:1px solid #9b1c1c;padding:.8rem;white-space:pre-wrap;font-size:.9rem}
.check label{display:inline;font-weight:normal}
.check{margin:.3rem 0}
.check input{width:1.2rem;height:1.2rem;vertical-align:middle}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:0 1.5rem}
.opt input[type=text]{width:100%}
.preview{border:2px solid #0b4f8a;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.preview .lang{font-weight:bold;color:#0b3a66}
.untranslated{color:#8a1c00}
iframe.report{width:100%;height:75vh;border:1px solid #b8c7d9}
.login{max-width:32rem;margin:3rem auto}
.login input[type=text],.login input[type=password]{width:100%}
@media (max-width:60rem){main{padding:1rem}input[type=text],input[type=password]{width:100%}th,td{padding:.35rem}}
)css";

// Only conveniences: the console works without it.
const char* kJs = R"js(
// Quick poll form: show one question at a time, "Nog een vraag" shows the next empty one.
document.addEventListener('DOMContentLoaded', function () {
  var blocks = document.querySelectorAll('fieldset.question');
  var more = document.getElementById('more-question');
  if (!blocks.length || !more) return;
  function empty(b) {
    var p = b.querySelector('input[name$=".prompt.nl"]');
    return p && p.value === '';
  }
  var shown = 0;
  blocks.forEach(function (b, i) { if (i === 0 || !empty(b)) { shown = i; } });
  blocks.forEach(function (b, i) { if (i > shown) b.hidden = true; });
  more.hidden = false;
  more.addEventListener('click', function () {
    for (var i = 0; i < blocks.length; i++) if (blocks[i].hidden) {
      blocks[i].hidden = false; blocks[i].querySelector('select').focus();
      if (i === blocks.length - 1) more.hidden = true;
      return;
    }
  });
});
)js";

//-----------------------------------------------------------------------------
// [SECTION] Login and logout
//-----------------------------------------------------------------------------

// A name as it may appear in the log: no control characters, not too long.
std::string LogSafe(const std::string& s) {
    std::string out;
    for (char c : s.substr(0, 64))
        out += (unsigned char)c < 0x20 || c == 0x7f ? '?' : c;
    return out;
}

std::string CookieHeader(const std::string& value, bool tls, int max_age) {
    return std::string(kCookie) + "=" + value + "; Path=/console/; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "") +
           (max_age >= 0 ? "; Max-Age=" + std::to_string(max_age) : "");
}

void LoginPage(ConsoleResponse* res, int status, const std::string& notice, const std::string& name) {
    res->Status = status;
    res->Body = "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>Inloggen - Wijkstem console</title><link rel=\"stylesheet\" href=\"/console/static/console.css\">"
                "</head><body><header><span class=\"brand\">Wijkstem console</span></header>"
                "<main class=\"login\"><h1>Inloggen</h1>" +
                notice +
                "<p>Voor het gebiedsteam: kiosks, inhoud en resultaten van uw wijken.</p>"
                "<form method=\"post\" action=\"/console/login\">"
                "<label for=\"name\">Naam</label><input type=\"text\" id=\"name\" name=\"name\" autocomplete=\"username\" "
                "required autofocus" +
                Attr("value", name) +
                ">"
                "<label for=\"password\">Wachtwoord</label><input type=\"password\" id=\"password\" name=\"password\" "
                "autocomplete=\"current-password\" required>"
                "<div><button type=\"submit\">Inloggen</button></div></form></main></body></html>";
}

const std::string& DummyHash() { // verified for unknown names, so they take as long as known ones
    static const std::string hash = [] {
        std::string h, e;
        HashPassword("wijkstem-no-such-user", &h, &e);
        return h;
    }();
    return hash;
}

void Login(Console& c, const ConsoleRequest& req, ConsoleResponse* res) {
    Form f;
    std::string error;
    if (!ParseForm(req.Headers.count("content-type") ? req.Headers.at("content-type") : "", req.Body, &f, &error))
        return LoginPage(res, 400, Notice("fout", Esc(error)), "");
    const std::string name = f.Get("name"), password = f.Get("password");
    const int64_t now = c.Now();
    if (int64_t wait = c.Throttle.WaitSeconds(name, req.RemoteAddr, now); wait > 0) {
        fprintf(stderr, "wijkstem-store: console login for '%s' from %s refused: too many failed logins (%lld s)\n",
                LogSafe(name).c_str(), req.RemoteAddr.c_str(), (long long)wait);
        res->Headers.emplace_back("Retry-After", std::to_string(wait));
        return LoginPage(res, 429,
                         Notice("fout", "Te veel mislukte pogingen. Probeer het over " + std::to_string(wait) +
                                            (wait == 1 ? " seconde" : " seconden") + " opnieuw."),
                         name);
    }
    store::ConsoleUser user;
    const bool known = ValidName(name) && c.Store.FindUser(name, &user);
    const bool ok = VerifyPassword(password, known ? user.PasswordHash : DummyHash()) && known;
    if (!ok) {
        c.Throttle.Failed(name, req.RemoteAddr, now);
        fprintf(stderr, "wijkstem-store: console login failed for '%s' from %s\n", LogSafe(name).c_str(),
                req.RemoteAddr.c_str());
        return LoginPage(res, 401, Notice("fout", "Naam of wachtwoord klopt niet."), name);
    }
    c.Throttle.Succeeded(name);
    std::string id;
    if (!StartSession(c.Store, user.Name, now, &id, &error)) {
        fprintf(stderr, "wijkstem-store: console: %s\n", error.c_str());
        return LoginPage(res, 500, Notice("fout", "De console kan u nu niet aanmelden. Probeer het later opnieuw."), name);
    }
    fprintf(stderr, "wijkstem-store: console login of '%s' from %s\n", LogSafe(name).c_str(), req.RemoteAddr.c_str());
    res->Headers.emplace_back("Set-Cookie", CookieHeader(id, req.Tls, -1));
    SendRedirect(res, "/console/kiosks");
}

void SecurityHeaders(ConsoleResponse* res) {
    res->Headers.emplace_back("Cache-Control", "no-store");
    res->Headers.emplace_back("X-Content-Type-Options", "nosniff");
    res->Headers.emplace_back("X-Frame-Options", "SAMEORIGIN");
    res->Headers.emplace_back("Referrer-Policy", "same-origin");
    res->Headers.emplace_back("Content-Security-Policy",
                              "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                              "frame-ancestors 'self'; form-action 'self'; base-uri 'none'");
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Layout: the page, the navigation, notices
//-----------------------------------------------------------------------------

std::string Esc(const std::string& text) { return report::EscapeHtml(text); }
std::string Attr(const std::string& name, const std::string& value) { return " " + name + "=\"" + Esc(value) + "\""; }

std::string CsrfField(const Ctx& x) { return "<input type=\"hidden\" name=\"csrf\"" + Attr("value", x.S.Csrf) + ">"; }

std::string Notice(const std::string& kind, const std::string& html) {
    return "<div class=\"notice " + kind + "\" role=\"" + (kind == "fout" ? "alert" : "status") + "\">" + html + "</div>";
}

void SendRedirect(ConsoleResponse* res, const std::string& location) {
    res->Status = 303;
    res->Headers.emplace_back("Location", location);
    res->Body = "<!doctype html><title>Verder</title><a href=\"" + Esc(location) + "\">Verder</a>";
}

void SendPage(Ctx& x, const std::string& active, const std::string& title, const std::string& body, int status) {
    struct Item {
        const char* Id;
        const char* Label;
        bool Later, Admin;
    };
    static const Item kNav[] = {
        {"kiosks", "Kiosks", false, false},          {"aanmelden", "Kiosk aanmelden", false, false},
        {"inhoud", "Inhoud", false, false},          {"peilingen", "Snelle peilingen", false, false},
        {"resultaten", "Resultaten", false, false},  {"jaarrapport", "Jaarrapport", false, false},
        {"updates", "Updates", false, false},        {"afspraken", "Afspraken", false, false},
        {"gebruikers", "Gebruikers", false, true},
    };
    std::string nav;
    for (const Item& i : kNav) {
        if (i.Admin && !IsAdmin(x.S.User))
            continue;
        nav += "<li><a href=\"/console/" + std::string(i.Id) + "\"" +
               (active == i.Id ? " aria-current=\"page\"" : "") + ">" + i.Label +
               (i.Later ? " <span class=\"later\">(later)</span>" : "") + "</a></li>";
    }
    nav += "<li><form class=\"inline\" method=\"post\" action=\"/console/uitloggen\">" + CsrfField(x) +
           "<button type=\"submit\">Uitloggen</button></form></li>";
    const std::string role = IsAdmin(x.S.User) ? "beheerder" : "gebiedsteam";
    x.Res->Status = status;
    x.Res->ContentType = "text/html; charset=utf-8";
    x.Res->Body = "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
                  Esc(title) +
                  " - Wijkstem console</title><link rel=\"stylesheet\" href=\"/console/static/console.css\">"
                  "<script src=\"/console/static/console.js\" defer></script></head><body>"
                  "<a class=\"skip\" href=\"#inhoud\">Naar de inhoud</a>"
                  "<header><span class=\"brand\">Wijkstem console</span><span class=\"who\">Ingelogd als <strong>" +
                  Esc(x.S.User.Name) + "</strong> (" + role +
                  ")</span></header><nav aria-label=\"Hoofdmenu\"><ul>" + nav +
                  "</ul></nav><main id=\"inhoud\" tabindex=\"-1\"><h1>" + Esc(title) + "</h1>" + body +
                  "</main></body></html>";
}

void SendForbidden(Ctx& x, const std::string& why) {
    fprintf(stderr, "wijkstem-store: console: 403 for '%s' on %s: %s\n", LogSafe(x.S.User.Name).c_str(),
            x.Req.Path.c_str(), why.c_str());
    SendPage(x, "", "Geen toegang",
             Notice("fout", Esc(why)) + "<p><a href=\"/console/kiosks\">Terug naar uw kiosks</a></p>", 403);
}

std::vector<std::string> MyWijken(Ctx& x) {
    std::vector<std::string> all;
    std::string error;
    x.C.Store.Wijken(&all, &error);
    return VisibleWijken(x.S.User, all);
}

std::string WijkSelect(const Ctx& x, const std::string& id, const std::string& chosen) {
    std::vector<std::string> all;
    std::string error;
    x.C.Store.Wijken(&all, &error);
    std::string html = "<select id=\"" + id + "\" name=\"wijk\">";
    for (const std::string& w : VisibleWijken(x.S.User, all))
        html += "<option" + Attr("value", w) + (w == chosen ? " selected" : "") + ">" + Esc(w) + "</option>";
    return html + "</select>";
}

bool PickWijk(Ctx& x, const std::string& named, std::string* wijk) {
    if (!named.empty()) {
        if (!MaySee(x.S.User, named)) {
            SendForbidden(x, "U hebt geen toegang tot de wijk \u201c" + named + "\u201d.");
            return false;
        }
        *wijk = named;
        return true;
    }
    std::vector<std::string> mine = MyWijken(x);
    *wijk = mine.empty() ? "" : mine.front();
    return true;
}

std::string FormatTime(const std::string& iso) {
    static const char* kMonths[] = {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};
    int y, mo, d, h, mi;
    if (sscanf(iso.c_str(), "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi) != 5 || mo < 1 || mo > 12)
        return iso;
    char buf[64];
    snprintf(buf, sizeof buf, "%d %s %d %02d:%02d UTC", d, kMonths[mo - 1], y, h, mi);
    return buf;
}

void LaterPage(Ctx& x, const std::string& active, const std::string& title) {
    SendPage(x, active, title,
             Notice("info", "Deze pagina komt later: berichten voor bewoners en de stand van de afspraken "
                            "(issue 14).") +
                 "<p><a href=\"/console/kiosks\">Terug naar de kiosks</a></p>");
}

//-----------------------------------------------------------------------------
// [SECTION] HandleConsole: sessions, CSRF, routes
//-----------------------------------------------------------------------------

Console::Console(store::Store& s, std::string db_path) : Store(s), DbPath(std::move(db_path)) {
    Now = [] { return int64_t(time(nullptr)); };
    std::error_code ec;
    WorkDir = (std::filesystem::temp_directory_path(ec) / ("wijkstem-console-" + std::to_string(getpid()))).string();
}

Console::~Console() {
    std::error_code ec;
    std::filesystem::remove_all(WorkDir, ec);
}

void HandleConsole(Console& c, const ConsoleRequest& req, ConsoleResponse* res) {
    *res = {};
    SecurityHeaders(res);
    const std::string prefix = "/console/";
    if (req.Path == "/console") // the bare name: the cookie's path needs the slash
        return SendRedirect(res, prefix);
    if (req.Path.rfind(prefix, 0) != 0) {
        res->Status = 404;
        res->Body = "niet gevonden";
        return;
    }
    const std::string sub = UrlDecode(req.Path.substr(prefix.size()), false);
    const bool get = req.Method == "GET" || req.Method == "HEAD", post = req.Method == "POST";
    if (!get && !post) {
        res->Status = 405;
        res->Headers.emplace_back("Allow", "GET, POST");
        res->Body = "Deze methode kent de console niet.";
        return;
    }
    // Pages without a session: the style sheet, the script, the login.
    if (sub == "static/console.css" || sub == "static/console.js") {
        const bool css = sub.back() == 's' && sub[sub.size() - 2] == 's';
        res->ContentType = css ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
        res->Body = css ? kCss : kJs;
        return;
    }
    if (sub == "login") {
        if (post)
            return Login(c, req, res);
        return LoginPage(res, 200, "", "");
    }
    auto header = [&](const char* name) {
        auto it = req.Headers.find(name);
        return it == req.Headers.end() ? std::string() : it->second;
    };
    Ctx x{c, req, res, {}, sub, ParseUrlEncoded(req.Query), {}};
    const std::string cookie = CookieValue(header("cookie"), kCookie);
    if (!CheckSession(c.Store, cookie, c.Now(), &x.S)) {
        if (!cookie.empty()) // gone or expired: clear it in the browser too
            res->Headers.emplace_back("Set-Cookie", CookieHeader("", req.Tls, 0));
        return SendRedirect(res, "/console/login");
    }
    if (post) { // everything that changes something is a POST with the session's token
        std::string error;
        if (!ParseForm(header("content-type"), req.Body, &x.Post, &error))
            return SendPage(x, "", "Formulier niet gelezen", Notice("fout", Esc(error)), 400);
        if (!CsrfOk(x.S.Id, x.Post.Get("csrf"))) {
            fprintf(stderr, "wijkstem-store: console: a form for %s without a valid CSRF token from %s; nothing changed\n",
                    req.Path.c_str(), req.RemoteAddr.c_str());
            return SendPage(x, "", "Formulier niet geaccepteerd",
                            Notice("fout", "Dit formulier is niet (meer) geldig, er is niets veranderd. Open de pagina "
                                           "opnieuw en probeer het nog eens."),
                            403);
        }
        if (sub == "uitloggen") {
            EndSession(c.Store, x.S.Id);
            res->Headers.emplace_back("Set-Cookie", CookieHeader("", req.Tls, 0));
            return LoginPage(res, 200, Notice("ok", "U bent uitgelogd."), "");
        }
    }
    if (sub.empty())
        return SendRedirect(res, "/console/kiosks");
    if (sub == "kiosks" && get) return KiosksPage(x);
    if (sub == "kiosks/intrekken") return RevokePage(x);
    if (sub == "aanmelden") return EnrolPage(x);
    if (sub == "inhoud") return ContentPage(x);
    if (sub == "peilingen") return PollsPage(x);
    if (sub == "resultaten" && get) return ResultsPage(x);
    if (sub == "resultaten/csv" && get) return CsvDownload(x);
    if (sub == "resultaten/zip" && get) return ZipDownload(x);
    if (sub.rfind("rapport/", 0) == 0 && get) return ReportFile(x);
    if (sub == "jaarrapport" && get) return YearReportPage(x);
    if (sub == "jaarrapport/zip" && get) return YearReportZip(x);
    if (sub.rfind("jaarrapport/bestand/", 0) == 0 && get) return YearReportFile(x);
    if (sub == "updates" || sub == "updates/verwijderen") return NewsPage(x);
    if (sub == "afspraken") return AgreementsPage(x);
    if (sub == "gebruikers") {
        if (!IsAdmin(x.S.User))
            return SendForbidden(x, "Alleen een beheerder beheert gebruikers.");
        return UsersPage(x);
    }
    SendPage(x, "", "Niet gevonden", Notice("fout", "Deze pagina bestaat niet.") +
                                         "<p><a href=\"/console/kiosks\">Naar de kiosks</a></p>", 404);
}

} // namespace console
