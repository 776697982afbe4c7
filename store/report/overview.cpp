#include "store/report/overview.hpp"
#include "store/report/html.hpp"
#include "sync/atomic_file.hpp"
#include "sync/iso_time.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <map>

namespace report {

namespace {

struct WijkRow {
    std::string Wijk;
    long long Visits = 0, Answers = 0, News = 0;
    std::map<std::string, long long> Agreements; // status -> how many
};

long long Count(sqlite3* db, const std::string& sql, const std::string& wijk) {
    sqlite3_stmt* st = nullptr;
    long long n = 0; // a table an older store lacks counts nothing
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, wijk.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return n;
}

bool ReadRows(const std::string& path, std::vector<WijkRow>* rows, std::string* error) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        *error = "cannot open the store " + path + " to read: " + (db ? sqlite3_errmsg(db) : "no memory");
        sqlite3_close(db);
        return false;
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT wijk FROM devices UNION SELECT wijk FROM packs ORDER BY 1", -1, &st, nullptr) !=
        SQLITE_OK) {
        *error = "the store " + path + " cannot be read: " + sqlite3_errmsg(db);
        sqlite3_close(db);
        return false;
    }
    while (sqlite3_step(st) == SQLITE_ROW)
        rows->push_back({reinterpret_cast<const char*>(sqlite3_column_text(st, 0))});
    sqlite3_finalize(st);
    const std::string in_wijk = "a.device_id IN (SELECT id FROM devices WHERE wijk = ?1) AND a.flagged = 0";
    for (WijkRow& r : *rows) {
        r.Visits = Count(db, "SELECT count(DISTINCT a.session_id) FROM answers a WHERE " + in_wijk, r.Wijk);
        r.Answers = Count(db, "SELECT count(*) FROM answers a WHERE " + in_wijk, r.Wijk);
        r.News = Count(db, "SELECT count(*) FROM news WHERE wijk = ?1", r.Wijk);
        if (sqlite3_prepare_v2(db, "SELECT status, count(*) FROM agreements WHERE wijk = ?1 GROUP BY status", -1, &st,
                               nullptr) == SQLITE_OK) {
            sqlite3_bind_text(st, 1, r.Wijk.c_str(), -1, SQLITE_TRANSIENT);
            while (sqlite3_step(st) == SQLITE_ROW)
                r.Agreements[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] = sqlite3_column_int64(st, 1);
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return true;
}

std::string Small(long long n) { return n < 5 ? "minder dan 5" : std::to_string(n); }

std::string Page(const std::vector<WijkRow>& rows, const std::string& today) {
    std::string body;
    for (const WijkRow& r : rows) {
        std::string agreements;
        for (const auto& [status, n] : r.Agreements)
            agreements += (agreements.empty() ? "" : ", ") + EscapeHtml(status) + ": " + std::to_string(n);
        body += "<tr><td><a href=\"wijk-" + WijkSlug(r.Wijk) + "/index.html\">" + EscapeHtml(r.Wijk) +
                "</a></td><td class=\"num\">" + Small(r.Visits) + "</td><td class=\"num\">" +
                (r.Visits < 5 ? "-" : std::to_string(r.Answers)) + "</td><td>" +
                (agreements.empty() ? "geen" : agreements) + "</td><td class=\"num\">" + std::to_string(r.News) +
                "</td></tr>";
    }
    return "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Wijkstem: overzicht van alle "
           "wijken</title><style>body{font-family:\"DejaVu Sans\",Verdana,sans-serif;max-width:60rem;margin:1rem "
           "auto;padding:0 1rem;color:#1b1b1b}table{border-collapse:collapse;width:100%}th,td{text-align:left;"
           "padding:.4rem;border-bottom:1px solid #c9d1da}td.num{text-align:right}a{color:#0b4f8a}</style></head>"
           "<body><h1>Wijkstem: overzicht van alle wijken</h1><p>Gemaakt op " +
           EscapeHtml(today) +
           ". Per wijk: de bezoeken aan de kiosks (herhaalde bezoeken niet meegeteld), de afspraken met hun "
           "stand en de updates voor bewoners. Minder dan 5 bezoeken tonen we niet als getal. De naam van een wijk "
           "opent het rapport van die wijk.</p><table><thead><tr><th scope=\"col\">Wijk</th><th scope=\"col\">"
           "Bezoeken</th><th scope=\"col\">Antwoorden</th><th scope=\"col\">Afspraken</th><th scope=\"col\">"
           "Updates</th></tr></thead><tbody>" +
           body + "</tbody></table></body></html>\n";
}

} // namespace

std::string WijkSlug(const std::string& wijk) {
    std::string slug;
    for (unsigned char c : wijk) {
        if (isalnum(c) && c < 128)
            slug += char(tolower(c));
        else if (!slug.empty() && slug.back() != '-')
            slug += '-';
    }
    while (!slug.empty() && slug.back() == '-')
        slug.pop_back();
    return slug.empty() ? "wijk" : slug;
}

bool RunAll(const Options& o, std::string* summary, std::vector<std::string>* problems) {
    problems->clear();
    if (o.Out.empty()) {
        problems->push_back("report --all needs --out DIR");
        return false;
    }
    std::vector<WijkRow> rows;
    std::string error;
    if (!ReadRows(o.Db, &rows, &error)) {
        problems->push_back(error);
        return false;
    }
    std::map<std::string, std::string> slugs; // two wijken with one slug would share a folder
    for (const WijkRow& r : rows)
        if (!slugs.emplace(WijkSlug(r.Wijk), r.Wijk).second) {
            problems->push_back("the wijken \"" + slugs[WijkSlug(r.Wijk)] + "\" and \"" + r.Wijk +
                                "\" would share the folder wijk-" + WijkSlug(r.Wijk));
            return false;
        }
    for (const WijkRow& r : rows) {
        Options one = o;
        one.Wijk = r.Wijk;
        one.Out = o.Out + "/wijk-" + WijkSlug(r.Wijk);
        std::string line;
        if (!Run(one, &line, problems))
            return false;
    }
    const std::string today = o.Today.empty() ? wsync::IsoToday() : o.Today;
    std::error_code ec;
    std::filesystem::create_directories(o.Out, ec);
    if (!wsync::WriteFileAtomically(o.Out + "/index.html", Page(rows, today), &error)) {
        problems->push_back("the overview was not written: " + error);
        return false;
    }
    *summary = "overview of " + std::to_string(rows.size()) + " wijk(en), each with its report; open " + o.Out +
               "/index.html";
    return true;
}

} // namespace report
