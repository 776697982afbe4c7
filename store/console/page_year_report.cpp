// The page Jaarrapport: the council's year report (`wijkstem-store report --all`, the same
// code and the same rule for small groups) in the browser, for the wijken the user may see
// (an admin: every wijk). Made afresh into a private folder per user when the page opens,
// shown in a frame like Resultaten, and downloadable as a zip.
#include "store/console/pages.hpp"
#include "store/console/zip.hpp"
#include "store/report/overview.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace console {

namespace fs = std::filesystem;

namespace {

std::string Folder(const Ctx& x) { return x.C.WorkDir + "/jaar-" + HexName(x.S.User.Name); }

// The wijken in the user's year report: every wijk for an admin, else the user's own.
std::vector<std::string> ReportWijken(Ctx& x) {
    if (IsAdmin(x.S.User)) {
        std::vector<std::string> all;
        std::string error;
        x.C.Store.Wijken(&all, &error);
        return all;
    }
    return MyWijken(x);
}

// Makes the year report afresh (call with ReportMu held): an admin's of every wijk, a
// gebiedsteam user's of their own. A user without a wijk gets none: an empty list would mean
// every wijk to report::RunAll.
bool MakeYearReport(Ctx& x, const std::vector<std::string>& wijken, std::vector<std::string>* problems) {
    problems->clear();
    if (wijken.empty() && !IsAdmin(x.S.User)) {
        problems->push_back("U hebt nog geen wijk.");
        return false;
    }
    std::error_code ec;
    fs::create_directories(x.C.WorkDir, ec);
    fs::permissions(x.C.WorkDir, fs::perms::owner_all, ec);
    fs::remove_all(Folder(x), ec); // nothing left of wijken the user no longer sees
    report::Options o;
    o.Db = x.C.DbPath;
    o.Out = Folder(x);
    if (!IsAdmin(x.S.User))
        o.OnlyWijken = wijken;
    std::string summary;
    return report::RunAll(o, &summary, problems);
}

bool MayOpen(const std::string& file, const std::vector<std::string>& wijken) {
    const bool safe = !file.empty() && file.find("..") == std::string::npos && file[0] != '/' &&
                      file.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-/") == std::string::npos;
    if (!safe)
        return false;
    if (file == "index.html")
        return true;
    const std::string first = file.substr(0, file.find('/'));
    for (const std::string& w : wijken) // a wijk's folder only when the user may see that wijk now
        if (first == "wijk-" + report::WijkSlug(w))
            return true;
    return false;
}

std::string ContentTypeOf(const std::string& name) {
    auto ends = [&](const std::string& e) {
        return name.size() >= e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
    };
    if (ends(".html")) return "text/html; charset=utf-8";
    if (ends(".svg")) return "image/svg+xml";
    if (ends(".csv")) return "text/csv; charset=utf-8";
    return "application/octet-stream";
}

} // namespace

void YearReportPage(Ctx& x) {
    const std::vector<std::string> wijken = ReportWijken(x);
    std::string intro = "<p>Het jaarrapport is voor de gemeenteraad. Per wijk staat erin: de bezoeken aan de kiosks, "
                        "hoeveel zeggenschap de wijk wil per thema, de witte vlekken (de vaakste eerst), de afspraken "
                        "met hun stand en de updates voor bewoners. Elke wijk heeft ook een eigen pagina.</p><p>";
    if (IsAdmin(x.S.User))
        intro += "U bent beheerder: alle wijken van de store staan erin.";
    else {
        intro += "Alleen uw wijken staan erin:";
        for (size_t i = 0; i < wijken.size(); i++)
            intro += std::string(i ? "," : "") + " " + Esc(wijken[i]);
        intro += ".";
    }
    intro += "</p>";
    std::vector<std::string> problems;
    bool made;
    {
        std::lock_guard<std::mutex> lock(x.C.ReportMu);
        made = MakeYearReport(x, wijken, &problems);
    }
    if (!made) {
        std::string lines;
        for (const std::string& p : problems)
            lines += Esc(p) + "<br>";
        return SendPage(x, "jaarrapport", "Jaarrapport", intro + Notice(!IsAdmin(x.S.User) && wijken.empty() ? "info" : "fout",
                                                                       "Geen jaarrapport: " + lines));
    }
    fprintf(stderr, "wijkstem-store: console: '%s' made the year report of %zu wijk(en)\n", x.S.User.Name.c_str(),
            wijken.size());
    SendPage(x, "jaarrapport", "Jaarrapport",
             intro +
                 "<p><a class=\"button\" id=\"download-jaarrapport\" href=\"/console/jaarrapport/zip\">Jaarrapport "
                 "als zip</a></p><p class=\"muted\">Dezelfde regels als <code>wijkstem-store report --all</code>: een "
                 "getal van minder dan 5 mensen staat er niet in, en een herhaald bezoek telt niet mee.</p>"
                 "<iframe class=\"report\" title=\"Jaarrapport\" src=\"/console/jaarrapport/bestand/index.html\">"
                 "</iframe>");
}

void YearReportFile(Ctx& x) {
    const std::string file = x.Sub.substr(std::string("jaarrapport/bestand/").size());
    const std::vector<std::string> wijken = ReportWijken(x);
    if (!MayOpen(file, wijken))
        return SendPage(x, "jaarrapport", "Niet gevonden", Notice("fout", "Dit deel van het jaarrapport bestaat niet."),
                        404);
    std::lock_guard<std::mutex> lock(x.C.ReportMu);
    std::vector<std::string> problems;
    if (!fs::exists(Folder(x) + "/index.html") && !MakeYearReport(x, wijken, &problems))
        return SendPage(x, "jaarrapport", "Geen jaarrapport", Notice("fout", "Het jaarrapport kan niet gemaakt worden."),
                        500);
    std::ifstream f(Folder(x) + "/" + file, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    if (!f)
        return SendPage(x, "jaarrapport", "Niet gevonden", Notice("fout", "Dit deel van het jaarrapport bestaat niet."),
                        404);
    x.Res->Body = ss.str();
    x.Res->ContentType = ContentTypeOf(file);
}

void YearReportZip(Ctx& x) {
    const std::vector<std::string> wijken = ReportWijken(x);
    std::vector<std::string> problems;
    std::string zip, error;
    std::lock_guard<std::mutex> lock(x.C.ReportMu);
    if (!MakeYearReport(x, wijken, &problems))
        for (const std::string& p : problems)
            error += (error.empty() ? "" : "; ") + p;
    else if (!ZipFolder(Folder(x), "jaarrapport", &zip, &error))
        zip.clear();
    if (zip.empty())
        return SendPage(x, "jaarrapport", "Jaarrapport", Notice("fout", "Geen zip: " + Esc(error)), 500);
    x.Res->ContentType = "application/zip";
    x.Res->Headers.emplace_back("Content-Disposition", "attachment; filename=\"wijkstem-jaarrapport.zip\"");
    x.Res->Body = zip;
}

} // namespace console
