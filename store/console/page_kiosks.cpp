// The pages Kiosks (the list, revoking a kiosk) and Kiosk aanmelden (a one-time code).
#include "store/console/pages.hpp"

#include <ctime>
#include <map>

namespace console {

namespace {

int64_t ParseIso(const std::string& iso) {
    struct tm tm = {};
    if (iso.size() < 19 || !strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%S", &tm))
        return -1;
    return int64_t(timegm(&tm));
}

std::string KioskRow(Ctx& x, const store::DeviceInfo& d, const store::Store::DeviceExtra& e) {
    const int64_t now = x.C.Now();
    const std::string since = e.LastSync.empty() ? d.EnrolledAt : e.LastSync;
    const int64_t at = ParseIso(since);
    const bool silent = !d.Revoked && at >= 0 && now - at > 24 * 3600;
    std::string sync = e.LastSync.empty() ? "nog nooit" : Esc(FormatTime(e.LastSync));
    if (silent)
        sync = "<span class=\"stil-label\">stil sinds " + Esc(FormatTime(since)) + "</span>";
    std::string action = d.Revoked ? "<span class=\"muted\">ingetrokken</span>"
                                   : "<a href=\"/console/kiosks/intrekken?device=" + UrlEncode(d.Id) +
                                         "\">Intrekken<span class=\"skip\"> kiosk " + Esc(d.Id) + "</span></a>";
    return std::string("<tr") + (silent ? " class=\"stil\"" : "") + Attr("data-device", d.Id) + "><td><code>" +
           Esc(d.Id) + "</code></td><td>" + Esc(d.Wijk) + "</td><td>" + sync + "</td><td class=\"num\">" +
           std::to_string(d.Answers) + "</td><td class=\"num\">" + std::to_string(d.Missing) + "</td><td class=\"num\">" +
           std::to_string(d.Visits - d.VisitsFlagged) + " / " + std::to_string(d.VisitsFlagged) + "</td><td>" +
           (e.PackVersion.empty() ? "<span class=\"muted\">-</span>" : Esc(e.PackVersion)) + "</td><td>" + action +
           "</td></tr>";
}

} // namespace

void KiosksPage(Ctx& x) {
    const std::string only = x.Query.Get("wijk");
    if (!only.empty() && !MaySee(x.S.User, only))
        return SendForbidden(x, "U hebt geen toegang tot de wijk \u201c" + only + "\u201d.");
    std::vector<store::DeviceInfo> devices;
    std::vector<store::Store::DeviceExtra> extras;
    std::string error;
    if (!x.C.Store.Devices(&devices, &error) || !x.C.Store.DeviceExtras(&extras, &error))
        return SendPage(x, "kiosks", "Kiosks", Notice("fout", "De kiosks kunnen niet gelezen worden: " + Esc(error)), 500);
    std::map<std::string, store::Store::DeviceExtra> extra;
    for (const auto& e : extras)
        extra[e.DeviceId] = e;
    std::string body;
    if (x.Query.Has("ingetrokken"))
        body += Notice("ok", "Kiosk <code>" + Esc(x.Query.Get("ingetrokken")) +
                                 "</code> is ingetrokken: zijn sleutel werkt niet meer. Zijn antwoorden blijven bewaard.");
    std::string rows;
    int n = 0;
    for (const store::DeviceInfo& d : devices) {
        if (!MaySee(x.S.User, d.Wijk) || (!only.empty() && d.Wijk != only))
            continue;
        rows += KioskRow(x, d, extra[d.Id]);
        n++;
    }
    const std::vector<std::string> mine = MyWijken(x);
    std::string wijken;
    for (const std::string& w : mine)
        wijken += (wijken.empty() ? "" : ", ") + Esc(w);
    body += "<p>Uw wijken: " + (wijken.empty() ? std::string("geen (vraag een beheerder om een wijk)") : wijken) +
            ". Een kiosk die meer dan 24 uur niet heeft gesynchroniseerd staat als <span class=\"stil-label\">stil "
            "sinds</span> gemarkeerd.</p>";
    if (n == 0)
        body += Notice("info", "Er zijn nog geen kiosks aangemeld. <a href=\"/console/aanmelden\">Meld een kiosk "
                               "aan</a>.");
    else
        body += "<table><caption class=\"skip\">Kiosks van uw wijken</caption><thead><tr><th scope=\"col\">Kiosk"
                "</th><th scope=\"col\">Wijk</th><th scope=\"col\">Laatste sync</th><th scope=\"col\" class=\"num\">"
                "Antwoorden</th><th scope=\"col\" class=\"num\">Ontbrekende volgnummers</th><th scope=\"col\" "
                "class=\"num\">Bezoeken geteld / gemarkeerd</th><th scope=\"col\">Pakketversie</th><th "
                "scope=\"col\">Actie</th></tr></thead><tbody>" +
                rows + "</tbody></table>"
                "<p class=\"muted\">Gemarkeerde bezoeken herhaalden het bezoek ervoor; ze worden bewaard maar niet "
                "meegeteld. Ontbrekende volgnummers zijn antwoorden die de kiosk nog niet heeft afgeleverd.</p>";
    SendPage(x, "kiosks", "Kiosks", body);
}

void RevokePage(Ctx& x) {
    const std::string id = x.Req.Method == "POST" ? x.Post.Get("device") : x.Query.Get("device");
    store::DeviceInfo d;
    if (id.empty() || !x.C.Store.Device(id, &d))
        return SendPage(x, "kiosks", "Kiosk niet gevonden",
                        Notice("fout", "Er is geen kiosk <code>" + Esc(id) + "</code>.") +
                            "<p><a href=\"/console/kiosks\">Terug naar de kiosks</a></p>",
                        404);
    if (!MaySee(x.S.User, d.Wijk))
        return SendForbidden(x, "Deze kiosk hoort niet bij uw wijken.");
    if (x.Req.Method == "POST") {
        std::string error;
        if (!x.C.Store.Revoke(id, &error))
            return SendPage(x, "kiosks", "Kiosk intrekken", Notice("fout", "Niet ingetrokken: " + Esc(error)), 409);
        fprintf(stderr, "wijkstem-store: console: '%s' revoked kiosk %s\n", x.S.User.Name.c_str(), id.c_str());
        return SendRedirect(x.Res, "/console/kiosks?ingetrokken=" + UrlEncode(id));
    }
    if (d.Revoked)
        return SendPage(x, "kiosks", "Kiosk intrekken", Notice("info", "Deze kiosk is al ingetrokken.") +
                                                             "<p><a href=\"/console/kiosks\">Terug naar de kiosks</a></p>");
    SendPage(x, "kiosks", "Kiosk intrekken",
             "<p>Wilt u kiosk <code>" + Esc(id) + "</code> in " + Esc(d.Wijk) +
                 " intrekken?</p><ul><li>De kiosk kan daarna niet meer synchroniseren.</li><li>De " +
                 std::to_string(d.Answers) +
                 " antwoorden die al binnen zijn, blijven bewaard.</li><li>Om hem weer te gebruiken, meldt u hem "
                 "opnieuw aan met een nieuwe code.</li></ul>"
                 "<form method=\"post\" action=\"/console/kiosks/intrekken\">" +
                 CsrfField(x) + "<input type=\"hidden\" name=\"device\"" + Attr("value", id) +
                 "><button type=\"submit\" class=\"danger\" id=\"confirm-revoke\">Ja, intrekken</button>"
                 "<a class=\"button secondary\" href=\"/console/kiosks\">Nee, terug</a></form>");
}

void EnrolPage(Ctx& x) {
    const bool admin = IsAdmin(x.S.User);
    std::string body;
    if (x.Req.Method == "POST") {
        std::string wijk = x.Post.Get("wijk");
        if (admin && !x.Post.Get("nieuwe_wijk").empty())
            wijk = x.Post.Get("nieuwe_wijk");
        if (!ValidName(wijk))
            body += Notice("fout", "Kies een wijk (een naam van 1 tot 64 tekens).");
        else if (!MaySee(x.S.User, wijk))
            return SendForbidden(x, "U hebt geen toegang tot de wijk \u201c" + wijk + "\u201d.");
        else {
            std::string code, error;
            if (!x.C.Store.NewEnrollCode(wijk, &code, &error))
                return SendPage(x, "aanmelden", "Kiosk aanmelden", Notice("fout", "Geen code gemaakt: " + Esc(error)), 500);
            fprintf(stderr, "wijkstem-store: console: '%s' made an enrolment code for %s\n", x.S.User.Name.c_str(),
                    wijk.c_str());
            auto host = x.Req.Headers.find("host");
            const std::string url = std::string(x.Req.Tls ? "https" : "http") + "://" +
                                    (host == x.Req.Headers.end() ? "STORE" : host->second);
            return SendPage(x, "aanmelden", "Kiosk aanmelden",
                            "<p>De aanmeldcode voor een kiosk in <strong>" + Esc(wijk) + "</strong>:</p>"
                            "<p class=\"code\" id=\"enroll-code\">" + Esc(code) + "</p>"
                            "<p><strong>Eenmalig te gebruiken</strong>: de code werkt voor één kiosk. Deze pagina "
                            "toont hem maar één keer; de store bewaart er alleen een vingerafdruk (hash) van.</p>"
                            "<h2>Op de kiosk</h2><p>Open een terminal op de kiosk en typ:</p><pre><code>wijkstem enroll " +
                                Esc(url) + " " + Esc(code) +
                                "</code></pre><p><a class=\"button secondary\" href=\"/console/aanmelden\">Nog een "
                                "code maken</a></p>");
        }
    }
    const std::vector<std::string> mine = MyWijken(x);
    body += "<p>Een nieuwe kiosk meldt zich bij de store aan met een eenmalige code. Kies de wijk waar de kiosk "
            "komt te staan.</p><form method=\"post\" action=\"/console/aanmelden\">" + CsrfField(x);
    if (!mine.empty())
        body += "<label for=\"wijk\">Wijk</label>" + WijkSelect(x, "wijk", x.Post.Get("wijk"));
    if (admin)
        body += "<label for=\"nieuwe_wijk\">Of een nieuwe wijk</label><p class=\"hint\" id=\"nieuwe-hint\">Alleen "
                "invullen voor een wijk die nog niet in de lijst staat.</p><input type=\"text\" id=\"nieuwe_wijk\" "
                "name=\"nieuwe_wijk\" aria-describedby=\"nieuwe-hint\" maxlength=\"64\">";
    else if (mine.empty())
        body += Notice("info", "U hebt nog geen wijk. Vraag een beheerder om een wijk aan uw naam toe te voegen.");
    body += "<div><button type=\"submit\" id=\"make-code\">Code maken</button></div></form>";
    SendPage(x, "aanmelden", "Kiosk aanmelden", body);
}

} // namespace console
