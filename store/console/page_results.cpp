// The page Resultaten: the report of a wijk in the browser (the `report` command's own
// model, page and rule for small groups: report::Run into a private folder, shown in a
// frame), the wijk's CSV, and the report folder as a zip.
#include "store/console/pages.hpp"
#include "store/console/quick_poll.hpp"
#include "store/console/zip.hpp"
#include "store/report/run.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace console {

namespace fs = std::filesystem;

std::string HexName(const std::string& s) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        out += hex[c >> 4];
        out += hex[c & 15];
    }
    return out;
}

namespace {

bool Quarterly(const std::string& periode) { return periode == "kwartaal"; }

// Makes the wijk's report afresh in the console's folder; *dir is where it is.
bool MakeReport(Console& c, const std::string& wijk, const std::string& periode, std::string* dir, std::string* summary,
                std::vector<std::string>* problems) {
    std::error_code ec;
    fs::create_directories(c.WorkDir, ec);
    fs::permissions(c.WorkDir, fs::perms::owner_all, ec);
    *dir = c.WorkDir + "/" + HexName(wijk) + (Quarterly(periode) ? "-q" : "-m");
    report::Options o;
    o.Db = c.DbPath;
    o.Wijk = wijk;
    o.Out = *dir;
    o.Per = Quarterly(periode) ? report::Period::Quarter : report::Period::Month;
    return report::Run(o, summary, problems);
}

std::string ReadFile(const std::string& path, bool* ok) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    *ok = bool(f);
    return ss.str();
}

std::string ContentTypeOf(const std::string& name) {
    auto ends = [&](const char* ext) {
        const std::string e = ext;
        return name.size() >= e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
    };
    if (ends(".html")) return "text/html; charset=utf-8";
    if (ends(".png")) return "image/png";
    if (ends(".svg")) return "image/svg+xml";
    if (ends(".csv")) return "text/csv; charset=utf-8";
    return "application/octet-stream";
}

// Splits one CSV record off the front of text (quoted fields may hold line breaks).
bool NextRecord(const std::string& text, size_t* at, std::string* record, std::vector<std::string>* fields) {
    if (*at >= text.size())
        return false;
    fields->assign(1, "");
    bool quoted = false;
    size_t i = *at;
    for (; i < text.size(); i++) {
        const char ch = text[i];
        if (quoted) {
            if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                fields->back() += '"';
                i++;
            } else if (ch == '"')
                quoted = false;
            else
                fields->back() += ch;
        } else if (ch == '"')
            quoted = true;
        else if (ch == ',')
            fields->emplace_back();
        else if (ch == '\n')
            break;
        else
            fields->back() += ch;
    }
    *record = text.substr(*at, i - *at + 1);
    *at = i + 1;
    return true;
}

} // namespace

void ResultsPage(Ctx& x) {
    std::string wijk;
    if (!PickWijk(x, x.Query.Get("wijk"), &wijk))
        return;
    const std::string periode = Quarterly(x.Query.Get("periode")) ? "kwartaal" : "maand";
    std::string body = "<form method=\"get\" action=\"/console/resultaten\" class=\"filters\"><div>"
                       "<label for=\"wijk\">Wijk</label>" + WijkSelect(x, "wijk", wijk) +
                       "</div><div><label for=\"periode\">Periode</label><select id=\"periode\" name=\"periode\">"
                       "<option value=\"maand\"" + std::string(periode == "maand" ? " selected" : "") +
                       ">Per maand</option><option value=\"kwartaal\"" + (periode == "kwartaal" ? " selected" : "") +
                       ">Per kwartaal</option></select></div><div><button type=\"submit\">Toon</button></div></form>";
    if (wijk.empty())
        return SendPage(x, "resultaten", "Resultaten", body + Notice("info", "U hebt nog geen wijk."));
    std::string dir, summary;
    std::vector<std::string> problems;
    bool made;
    {
        std::lock_guard<std::mutex> lock(x.C.ReportMu);
        made = MakeReport(x.C, wijk, periode, &dir, &summary, &problems);
    }
    if (!made) {
        std::string lines;
        for (const std::string& p : problems)
            lines += Esc(p) + "<br>";
        return SendPage(x, "resultaten", "Resultaten", body + Notice("fout", "Geen rapport: " + lines));
    }
    const std::string w = UrlEncode(wijk);
    body += "<p><a class=\"button\" id=\"download-csv\" href=\"/console/resultaten/csv?wijk=" + w +
            "\">Antwoorden als CSV</a><a class=\"button secondary\" id=\"download-zip\" href=\"/console/resultaten/zip?wijk=" +
            w + "&amp;periode=" + periode + "\">Rapport als zip</a></p>"
            "<p class=\"muted\">Dezelfde regels als <code>wijkstem-store report</code>: een vraag met minder dan 5 "
            "antwoorden wordt niet getoond, en een herhaald bezoek telt niet mee.</p>"
            "<iframe class=\"report\" title=\"Rapport " + Esc(wijk) + "\" src=\"/console/rapport/" + periode + "/" + w +
            "/index.html\"></iframe>";
    SendPage(x, "resultaten", "Resultaten " + wijk, body);
}

void ReportFile(Ctx& x) {
    // /console/rapport/PERIODE/WIJK/FILE..., each part decoded on its own (a wijk may hold '/').
    const std::string raw = x.Req.Path.substr(std::string("/console/rapport/").size());
    const size_t a = raw.find('/'), b = a == std::string::npos ? a : raw.find('/', a + 1);
    if (b == std::string::npos)
        return SendPage(x, "resultaten", "Niet gevonden", Notice("fout", "Dit deel van het rapport bestaat niet."), 404);
    const std::string periode = UrlDecode(raw.substr(0, a), false), wijk = UrlDecode(raw.substr(a + 1, b - a - 1), false);
    const std::string file = UrlDecode(raw.substr(b + 1), false);
    if (!MaySee(x.S.User, wijk))
        return SendForbidden(x, "U hebt geen toegang tot de wijk \u201c" + wijk + "\u201d.");
    const bool safe = !file.empty() && file.find("..") == std::string::npos && file[0] != '/' &&
                      file.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-/") == std::string::npos;
    if (!safe || (periode != "maand" && periode != "kwartaal"))
        return SendPage(x, "resultaten", "Niet gevonden", Notice("fout", "Dit deel van het rapport bestaat niet."), 404);
    std::lock_guard<std::mutex> lock(x.C.ReportMu);
    std::string dir = x.C.WorkDir + "/" + HexName(wijk) + (Quarterly(periode) ? "-q" : "-m"), summary;
    std::vector<std::string> problems;
    if (!fs::exists(dir + "/index.html") && !MakeReport(x.C, wijk, periode, &dir, &summary, &problems))
        return SendPage(x, "resultaten", "Geen rapport", Notice("fout", "Het rapport kan niet gemaakt worden."), 500);
    bool ok;
    x.Res->Body = ReadFile(dir + "/" + file, &ok);
    if (!ok)
        return SendPage(x, "resultaten", "Niet gevonden", Notice("fout", "Dit deel van het rapport bestaat niet."), 404);
    x.Res->ContentType = ContentTypeOf(file);
}

void CsvDownload(Ctx& x) {
    const std::string wijk = x.Query.Get("wijk");
    if (wijk.empty() || !MaySee(x.S.User, wijk))
        return SendForbidden(x, "U hebt geen toegang tot de wijk \u201c" + wijk + "\u201d.");
    // The store's own export, a row at a time; only this wijk's rows are kept (column 4 is
    // the wijk), so the whole store's CSV is never in memory.
    std::string csv, record, error;
    std::vector<std::string> fields;
    bool header = true;
    const bool ok = x.C.Store.ExportCsv(
        [&](const std::string& row) {
            size_t at = 0;
            if (header || (NextRecord(row, &at, &record, &fields) && fields.size() > 3 && fields[3] == wijk))
                csv += row;
            header = false;
            return true;
        },
        &error);
    if (!ok)
        return SendPage(x, "resultaten", "Resultaten", Notice("fout", "Geen CSV: " + Esc(error)), 500);
    fprintf(stderr, "wijkstem-store: console: '%s' downloaded the CSV of %s\n", x.S.User.Name.c_str(), wijk.c_str());
    x.Res->ContentType = "text/csv; charset=utf-8";
    x.Res->Headers.emplace_back("Content-Disposition", "attachment; filename=\"wijkstem-" + Slug(wijk, 40) + ".csv\"");
    x.Res->Body = csv;
}

void ZipDownload(Ctx& x) {
    const std::string wijk = x.Query.Get("wijk");
    if (wijk.empty() || !MaySee(x.S.User, wijk))
        return SendForbidden(x, "U hebt geen toegang tot de wijk \u201c" + wijk + "\u201d.");
    const std::string periode = Quarterly(x.Query.Get("periode")) ? "kwartaal" : "maand";
    std::string dir, summary, zip, error;
    std::vector<std::string> problems;
    std::lock_guard<std::mutex> lock(x.C.ReportMu);
    if (!MakeReport(x.C, wijk, periode, &dir, &summary, &problems))
        for (const std::string& p : problems)
            error += (error.empty() ? "" : "; ") + p;
    else if (!ZipFolder(dir, "rapport", &zip, &error))
        zip.clear();
    if (zip.empty())
        return SendPage(x, "resultaten", "Resultaten", Notice("fout", "Geen zip: " + Esc(error)), 500);
    x.Res->ContentType = "application/zip";
    x.Res->Headers.emplace_back("Content-Disposition", "attachment; filename=\"wijkstem-rapport-" + Slug(wijk, 40) + ".zip\"");
    x.Res->Body = zip;
}

} // namespace console
