// The console's pages through HandleConsole on a real store: no page without a session,
// the cookie's attributes, CSRF on every change, roles also for typed URLs, and the
// slow-down after failed logins.
#include "console_fixture.hpp"

using namespace console;

namespace {
bool Has(const ConsoleResponse& r, const std::string& text) { return r.Body.find(text) != std::string::npos; }
} // namespace

TEST_CASE("console: nothing without a session") {
    ConsoleFixture f;
    f.AddUser("beheer", "admin", {});
    f.Enrol("kiosk-1", "Oosterpark");
    for (const char* target : {"/console/", "/console/kiosks", "/console/aanmelden", "/console/inhoud",
                               "/console/peilingen", "/console/resultaten?wijk=Oosterpark",
                               "/console/resultaten/csv?wijk=Oosterpark", "/console/resultaten/zip?wijk=Oosterpark",
                               "/console/rapport/maand/Oosterpark/index.html", "/console/gebruikers",
                               "/console/kiosks/intrekken?device=kiosk-1"}) {
        CAPTURE(target);
        auto r = f.Do("GET", target);
        CHECK(r.Status == 303);
        CHECK(ConsoleFixture::Header(r, "Location") == "/console/login");
        CHECK_FALSE(Has(r, "kiosk-1"));
        auto bad = f.Do("GET", target, "", std::string(64, 'a'));
        CHECK(bad.Status == 303);
    }
    auto post = f.Do("POST", "/console/kiosks/intrekken", "device=kiosk-1");
    CHECK(post.Status == 303);
    store::DeviceInfo d;
    REQUIRE(f.S->Device("kiosk-1", &d));
    CHECK_FALSE(d.Revoked);
    CHECK(f.Do("GET", "/console/login").Status == 200);
    CHECK(f.Do("GET", "/console/static/console.css").Status == 200);
}

TEST_CASE("console: login sets a strict cookie; logout ends the session") {
    ConsoleFixture f;
    f.AddUser("anna", "gebiedsteam", {"Oosterpark"});
    auto wrong = f.Do("POST", "/console/login", "name=anna&password=verkeerd+wachtwoord");
    CHECK(wrong.Status == 401);
    CHECK(Has(wrong, "Naam of wachtwoord klopt niet"));
    CHECK(ConsoleFixture::Header(wrong, "Set-Cookie").empty());
    auto unknown = f.Do("POST", "/console/login", "name=niemand&password=een+goed+wachtwoord");
    CHECK(unknown.Status == 401);
    CHECK(Has(unknown, "Naam of wachtwoord klopt niet")); // the same answer: no user list by guessing

    auto ok = f.Do("POST", "/console/login", "name=anna&password=een+goed+wachtwoord");
    REQUIRE(ok.Status == 303);
    const std::string set = ConsoleFixture::Header(ok, "Set-Cookie");
    CHECK(set.find("HttpOnly") != std::string::npos);
    CHECK(set.find("SameSite=Strict") != std::string::npos);
    CHECK(set.find("Path=/console/") != std::string::npos);
    CHECK(set.find("Secure") == std::string::npos); // plain HTTP here
    ConsoleRequest tls;
    tls.Method = "POST";
    tls.Path = "/console/login";
    tls.Body = "name=anna&password=een+goed+wachtwoord";
    tls.Tls = true;
    ConsoleResponse tr;
    HandleConsole(*f.C, tls, &tr);
    CHECK(ConsoleFixture::Header(tr, "Set-Cookie").find("; Secure") != std::string::npos);

    const std::string cookie = f.Login("anna");
    auto page = f.Do("GET", "/console/kiosks", "", cookie);
    CHECK(page.Status == 200);
    CHECK(Has(page, "anna"));
    CHECK(ConsoleFixture::Header(page, "Cache-Control") == "no-store");
    // logout needs the token too
    CHECK(f.Do("POST", "/console/uitloggen", "", cookie).Status == 403);
    CHECK(f.Do("GET", "/console/kiosks", "", cookie).Status == 200);
    CHECK(f.Do("POST", "/console/uitloggen", "csrf=" + CsrfToken(cookie), cookie).Status == 200);
    CHECK(f.Do("GET", "/console/kiosks", "", cookie).Status == 303);
}

TEST_CASE("console: a session ends after 30 minutes without a request") {
    ConsoleFixture f;
    f.AddUser("anna", "gebiedsteam", {"Oosterpark"});
    const std::string cookie = f.Login("anna");
    f.Clock += 25 * 60;
    CHECK(f.Do("GET", "/console/kiosks", "", cookie).Status == 200);
    f.Clock += 25 * 60; // 25 minutes after the last request: still in
    CHECK(f.Do("GET", "/console/kiosks", "", cookie).Status == 200);
    f.Clock += 31 * 60;
    auto r = f.Do("GET", "/console/kiosks", "", cookie);
    CHECK(r.Status == 303);
    CHECK(ConsoleFixture::Header(r, "Set-Cookie").find("Max-Age=0") != std::string::npos);
}

TEST_CASE("console: a form without its CSRF token changes nothing") {
    ConsoleFixture f;
    f.AddUser("anna", "gebiedsteam", {"Oosterpark"});
    f.AddUser("beheer", "admin", {});
    f.Enrol("kiosk-1", "Oosterpark");
    const std::string anna = f.Login("anna"), admin = f.Login("beheer");
    store::DeviceInfo d;
    // none, a made-up one, and another session's (the admin's for anna's forms and back)
    for (int kind = 0; kind < 3; kind++) {
        const std::string token = kind == 0 ? "" : kind == 1 ? "0000" : CsrfToken(admin);
        const std::string admin_token = kind == 2 ? CsrfToken(anna) : token;
        CAPTURE(kind);
        auto r = f.Do("POST", "/console/kiosks/intrekken", "device=kiosk-1&csrf=" + token, anna);
        CHECK(r.Status == 403);
        CHECK(Has(r, "niets veranderd"));
        REQUIRE(f.S->Device("kiosk-1", &d));
        CHECK_FALSE(d.Revoked);
        CHECK(f.Do("POST", "/console/gebruikers", "naam=eve&rol=admin&wachtwoord=een+goed+wachtwoord&wachtwoord2="
                                                  "een+goed+wachtwoord&csrf=" + admin_token, admin).Status == 403);
        store::ConsoleUser u;
        CHECK_FALSE(f.S->FindUser("eve", &u));
        CHECK(f.Do("POST", "/console/aanmelden", "wijk=Oosterpark&csrf=" + token, anna).Status == 403);
    }
    // with it, the same form works
    auto r = f.Do("POST", "/console/kiosks/intrekken", "device=kiosk-1&csrf=" + CsrfToken(anna), anna);
    CHECK(r.Status == 303);
    REQUIRE(f.S->Device("kiosk-1", &d));
    CHECK(d.Revoked);
}

TEST_CASE("console: a gebiedsteam user sees nothing of another wijk, also by typed URLs") {
    ConsoleFixture f;
    f.AddUser("anna", "gebiedsteam", {"Oosterpark"});
    f.AddUser("beheer", "admin", {});
    f.Enrol("kiosk-a", "Oosterpark");
    f.Enrol("kiosk-b", "Selwerd");
    const std::string anna = f.Login("anna"), admin = f.Login("beheer");
    auto list = f.Do("GET", "/console/kiosks", "", anna);
    CHECK(Has(list, "kiosk-a"));
    CHECK_FALSE(Has(list, "kiosk-b"));
    CHECK_FALSE(Has(list, "Selwerd"));
    auto all = f.Do("GET", "/console/kiosks", "", admin);
    CHECK(Has(all, "kiosk-a"));
    CHECK(Has(all, "kiosk-b"));
    for (const char* target : {"/console/kiosks?wijk=Selwerd", "/console/kiosks/intrekken?device=kiosk-b",
                               "/console/resultaten?wijk=Selwerd", "/console/resultaten/csv?wijk=Selwerd",
                               "/console/resultaten/zip?wijk=Selwerd", "/console/rapport/maand/Selwerd/index.html",
                               "/console/peilingen?wijk=Selwerd", "/console/gebruikers"}) {
        CAPTURE(target);
        auto r = f.Do("GET", target, "", anna);
        CHECK(r.Status == 403);
        CHECK_FALSE(Has(r, "kiosk-b"));
    }
    const std::string csrf = "&csrf=" + CsrfToken(anna);
    CHECK(f.Do("POST", "/console/kiosks/intrekken", "device=kiosk-b" + csrf, anna).Status == 403);
    CHECK(f.Do("POST", "/console/aanmelden", "wijk=Selwerd" + csrf, anna).Status == 403);
    CHECK(f.Do("POST", "/console/aanmelden", "wijk=Oosterpark&nieuwe_wijk=Selwerd" + csrf, anna).Status == 200);
    store::DeviceInfo d;
    REQUIRE(f.S->Device("kiosk-b", &d));
    CHECK_FALSE(d.Revoked);
    // the admin may
    CHECK(f.Do("GET", "/console/kiosks/intrekken?device=kiosk-b", "", admin).Status == 200);
    CHECK(f.Do("GET", "/console/gebruikers", "", admin).Status == 200);
}

TEST_CASE("console: 30 wrong passwords slow the next attempts down, with 429 and the seconds") {
    ConsoleFixture f;
    f.AddUser("anna", "gebiedsteam", {"Oosterpark"});
    int refused = 0, wrong = 0;
    for (int i = 0; i < 30; i++) {
        auto r = f.Do("POST", "/console/login", "name=anna&password=fout" + std::to_string(i), "", "10.1.1.1");
        refused += r.Status == 429;
        wrong += r.Status == 401;
    }
    CHECK(wrong == 6);   // five free, the sixth starts the lock
    CHECK(refused == 24); // refused at once: no password was checked, no thread slept
    auto right = f.Do("POST", "/console/login", "name=anna&password=een+goed+wachtwoord", "", "10.1.1.2");
    CHECK(right.Status == 429);
    CHECK(Has(right, "Probeer het over 1 seconde opnieuw"));
    CHECK(ConsoleFixture::Header(right, "Retry-After") == "1");
    f.Clock += 2;
    CHECK(f.Do("POST", "/console/login", "name=anna&password=een+goed+wachtwoord", "", "10.1.1.2").Status == 303);
}
