// The page Afspraken (stap 3, issue 14): the agreements of the user's wijken with their
// status, note and history; a form per agreement sets a new status and note, kept in the
// history with the user's name as its source (console:NAME). Only the user's own wijken.
#include "store/console/pages.hpp"

#include "sync/campfire_records.hpp"

#include <map>

namespace console {

namespace {

const char* StatusWord(const std::string& s) {
    return s == "open" ? "open" : s == "bezig" ? "bezig" : s == "gedaan" || s == "klaar" ? "gedaan"
                                 : s == "lukt-niet" ? "lukt niet" : "?";
}

std::string WhoWord(const std::string& who) {
    return who == "wijk" ? "de wijk" : who == "gemeente" ? "de gemeente" : who == "samen" ? "wijk en gemeente samen" : who;
}

std::string SourceWord(const std::string& source) {
    if (source == "cli")
        return "gebiedsteam (opdrachtregel)";
    if (source.rfind("console:", 0) == 0)
        return "gebiedsteam (" + source.substr(8) + ")";
    return "kampvuur op kiosk " + source.substr(0, 8);
}

std::string AgreementBlock(Ctx& x, const wsync::AgreementRecord& a, const std::vector<wsync::AgreementChangeRecord>& history) {
    std::string h = "<article class=\"afspraak\"" + Attr("id", "afspraak-" + a.Id) + "><h3>" + Esc(a.What) + "</h3>";
    h += "<p>Wie: " + Esc(WhoWord(a.Who)) + (a.Due.empty() ? "" : ". Klaar op: " + Esc(a.Due)) +
         (a.SessionName.empty() ? "" : ". Gemaakt in " + Esc(a.SessionName) + " (" + Esc(a.HeldOn) + ")") + ".</p>";
    h += "<p>Stand: <strong class=\"status\">" + std::string(StatusWord(a.Status)) + "</strong>" +
         (a.Note.empty() ? "" : " &mdash; " + Esc(a.Note)) + "</p>";
    std::string rows;
    for (const wsync::AgreementChangeRecord& c : history)
        if (c.AgreementId == a.Id)
            rows += "<li>" + Esc(FormatTime(c.At)) + ": " + StatusWord(c.Status) + " (" + Esc(SourceWord(c.Source)) +
                    ")" + (c.Note.empty() ? "" : " &mdash; " + Esc(c.Note)) + "</li>";
    if (!rows.empty())
        h += "<details><summary>Wat er veranderde</summary><ul>" + rows + "</ul></details>";
    const std::string sel = "status-" + a.Id, note = "note-" + a.Id;
    h += "<form method=\"post\" action=\"/console/afspraken\">" + CsrfField(x) + "<input type=\"hidden\" name=\"id\"" +
         Attr("value", a.Id) + "><label" + Attr("for", sel) + ">Nieuwe stand</label><select name=\"status\"" +
         Attr("id", sel) + ">";
    for (const char* s : wsync::kAgreementStatuses)
        h += std::string("<option") + Attr("value", s) +
             (wsync::NormalAgreementStatus(a.Status) == s ? " selected" : "") + ">" + StatusWord(s) + "</option>";
    h += "</select><label" + Attr("for", note) + ">Wat is er gebeurd? (kort, hoogstens " +
         std::to_string(wsync::kMaxAgreementNote) + " tekens)</label><input type=\"text\" name=\"note\"" + Attr("id", note) +
         Attr("maxlength", std::to_string(wsync::kMaxAgreementNote)) + "><div><button type=\"submit\">Bewaar de stand"
         "<span class=\"skip\"> van " + Esc(a.What) + "</span></button></div></form></article>";
    return h;
}

} // namespace

void AgreementsPage(Ctx& x) {
    std::string body;
    if (x.Req.Method == "POST") {
        wsync::AgreementChangeRecord c;
        c.AgreementId = x.Post.Get("id");
        c.Status = x.Post.Get("status");
        c.Note = x.Post.Get("note");
        c.Source = "console:" + x.S.User.Name;
        std::string error;
        // Only the user's own wijken: ChangeAgreement refuses another wijk's agreement.
        std::vector<std::string> mine = MyWijken(x);
        if (mine.empty())
            return SendForbidden(x, "U hebt geen wijk.");
        if (!x.C.Store.ChangeAgreement(c, mine, &error))
            body += Notice("fout", "Niet bewaard: " + Esc(error));
        else {
            fprintf(stderr, "wijkstem-store: console: '%s' set agreement %s to %s\n", x.S.User.Name.c_str(),
                    c.AgreementId.c_str(), c.Status.c_str());
            return SendRedirect(x.Res, "/console/afspraken?bewaard=" + UrlEncode(c.AgreementId) + "#afspraak-" +
                                           UrlEncode(c.AgreementId));
        }
    }
    if (x.Query.Has("bewaard"))
        body += Notice("ok", "De stand is bewaard. De kiosks van de wijk krijgen hem bij hun volgende synchronisatie.");
    body += "<p>Stap 3 van het Gronings model: uitvoeren en evalueren. Hier staan de afspraken van de "
            "kampvuurbijeenkomsten in uw wijken. Zet de stand als er iets verandert; de volgende bijeenkomst begint "
            "met deze afspraken. Elke verandering blijft bewaard, met wie en wanneer; de laatste telt.</p>";
    int shown = 0;
    for (const std::string& wijk : MyWijken(x)) {
        std::vector<wsync::AgreementRecord> list;
        std::vector<wsync::AgreementChangeRecord> history;
        std::string error;
        if (!x.C.Store.Agreements(wijk, &list, &history, &error))
            return SendPage(x, "afspraken", "Afspraken", Notice("fout", "De afspraken kunnen niet gelezen worden: " +
                                                                            Esc(error)), 500);
        if (list.empty())
            continue;
        body += "<h2>" + Esc(wijk) + "</h2>";
        for (const wsync::AgreementRecord& a : list)
            body += AgreementBlock(x, a, history);
        shown += int(list.size());
    }
    if (shown == 0)
        body += Notice("info", "Er zijn nog geen afspraken in uw wijken. Ze komen binnen als een kiosk een "
                               "kampvuurbijeenkomst synchroniseert.");
    SendPage(x, "afspraken", "Afspraken", body);
}

} // namespace console
