// [SECTION] Reading: the wijken, their visits, agreements and updates
// [SECTION] The page: visits, say per theme, witte vlekken, updates, the rule
// [SECTION] RunAll
#include "store/report/overview.hpp"
#include "store/report/html.hpp"
#include "sync/atomic_file.hpp"
#include "sync/iso_time.hpp"

#include "store/db.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

namespace report {

namespace db = store::db;

namespace {

struct WijkRow {
    std::string Wijk;
    long long Visits = 0, Answers = 0, Kiosks = 0;
    std::map<std::string, long long> Agreements = {};                 // status -> how many
    std::vector<std::pair<std::string, std::string>> News = {};       // date, title; newest first
    SayFigures Say = {};                                              // from the wijk's own report
};

//-----------------------------------------------------------------------------
// [SECTION] Reading: the wijken, their visits, agreements and updates
//-----------------------------------------------------------------------------

// Runs sql with ?1 bound to wijk, calling row() per row; false with *error when it could not
// read them all (a figure from part of the rows would be a wrong figure, not a smaller one).
template <typename F>
bool Each(db::Conn* db, const std::string& sql, const std::string& wijk, F row, std::string* error) {
    db::Stmt st(db, sql);
    if (st.Bind(wijk).Each(row))
        return true;
    *error = "the store " + db->Name() + " cannot be read: " + db->Error();
    return false;
}

bool ReadRows(const std::string& path, const std::vector<std::string>& only, std::vector<WijkRow>* rows,
              std::string* error) {
    std::string err;
    std::unique_ptr<db::Conn> conn = db::Open(path, true, &err);
    if (!conn) {
        *error = "cannot open the store " + db::RedactedTarget(path) + " to read: " + err;
        return false;
    }
    db::Conn* d = conn.get();
    if (!Each(d, "SELECT wijk FROM devices UNION SELECT wijk FROM packs ORDER BY 1", "", [&](db::Stmt& s) {
            const std::string wijk = s.Text(0);
            if (only.empty() || std::find(only.begin(), only.end(), wijk) != only.end())
                rows->push_back({wijk});
        }, error))
        return false;
    // An older store lacks the updates (schema 5) or the agreements (schema 2): none to show.
    const bool news = d->HasTable("news"), agreements = d->HasTable("agreements");
    const std::string in_wijk = "a.device_id IN (SELECT id FROM devices WHERE wijk = ?1) AND a.flagged = 0";
    for (WijkRow& r : *rows) {
        const bool ok =
            Each(d, "SELECT count(DISTINCT a.session_id), count(*) FROM answers a WHERE " + in_wijk, r.Wijk,
                 [&](db::Stmt& s) {
                     r.Visits = s.Int(0);
                     r.Answers = s.Int(1);
                 }, error) &&
            Each(d, "SELECT count(*) FROM devices WHERE wijk = ?1 AND revoked_at IS NULL", r.Wijk,
                 [&](db::Stmt& s) { r.Kiosks = s.Int(0); }, error) &&
            (!news || Each(d, "SELECT date, title FROM news WHERE wijk = ?1 ORDER BY date DESC, created_at DESC",
                           r.Wijk, [&](db::Stmt& s) { r.News.emplace_back(s.Text(0), s.Text(1)); }, error)) &&
            (!agreements || Each(d, "SELECT status, count(*) FROM agreements WHERE wijk = ?1 GROUP BY status", r.Wijk,
                                 [&](db::Stmt& s) { r.Agreements[s.Text(0)] = s.Int(1); }, error));
        if (!ok)
            return false;
    }
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] The page: visits, say per theme, witte vlekken, updates, the rule
//-----------------------------------------------------------------------------

using E = std::string;
E Esc(const std::string& s) { return EscapeHtml(s); }
E Small(long long n) { return n < kMinGroup ? "minder dan " + std::to_string(kMinGroup) : std::to_string(n); }
E Link(const WijkRow& r) { return "<a href=\"wijk-" + WijkSlug(r.Wijk) + "/index.html\">" + Esc(r.Wijk) + "</a>"; }

// The statuses in the order of stap 3 (open first), each with its sign.
E AgreementsCell(const WijkRow& r) {
    static const char* kOrder[] = {"open", "bezig", "gedaan", "klaar", "lukt-niet"};
    std::map<std::string, long long> left = r.Agreements;
    E out;
    auto add = [&](const std::string& status, long long n) {
        out += (out.empty() ? "" : "<br>") + AgreementStatusWords(status) + ": " + std::to_string(n);
    };
    for (const char* s : kOrder)
        if (auto it = left.find(s); it != left.end()) {
            add(it->first, it->second);
            left.erase(it);
        }
    for (const auto& [status, n] : left)
        add(status, n);
    return out.empty() ? "geen" : out;
}

E VisitsSection(const std::vector<WijkRow>& rows) {
    E h = "<section id=\"wijken\"><h2>Bezoeken, afspraken en updates per wijk</h2><p>Een bezoek is één keer iets "
          "invullen bij de kiosk; een bezoek dat het bezoek ervoor precies herhaalde, telt niet mee. Kiosks: die nu "
          "aangemeld zijn. Minder dan " +
          std::to_string(kMinGroup) + " bezoeken tonen we niet als getal.</p><table><thead><tr><th scope=\"col\">"
          "Wijk</th><th scope=\"col\" class=\"num\">Kiosks</th><th scope=\"col\" class=\"num\">Bezoeken</th><th "
          "scope=\"col\" class=\"num\">Antwoorden</th><th scope=\"col\">Afspraken</th><th scope=\"col\" "
          "class=\"num\">Updates</th></tr></thead><tbody>";
    for (const WijkRow& r : rows)
        h += "<tr><td>" + Link(r) + "</td><td class=\"num\">" + std::to_string(r.Kiosks) + "</td><td class=\"num\">" +
             Small(r.Visits) + "</td><td class=\"num\">" +
             (r.Visits < kMinGroup ? "-" : std::to_string(r.Answers)) + "</td><td>" + AgreementsCell(r) +
             "</td><td class=\"num\">" + std::to_string(r.News.size()) + "</td></tr>";
    return h + "</tbody></table></section>\n";
}

// One wijk's (or all wijken's) say on one theme: the lean in words, the answers under it.
E ThemeCell(const SayFigures& s, const ThemeSay* t) {
    if (!t || t->Respondents == 0)
        return "<td class=\"muted\">geen antwoorden</td>";
    if (!t->Shown)
        return "<td class=\"muted\">minder dan " + std::to_string(kMinGroup) + "</td>";
    E counts;
    for (size_t i = 0; i < t->PerLevel.size() && i < s.LevelAnswers.size(); i++)
        counts += (counts.empty() ? "" : ", ") + Esc(s.LevelAnswers[i]) + " " + std::to_string(t->PerLevel[i]);
    return "<td><b>" + Esc(s.Levels[size_t(t->Lean - 1)]) + "</b><br><span class=\"muted\">" + counts + "</span></td>";
}

const ThemeSay* FindTheme(const SayFigures& s, const std::string& id) {
    for (const ThemeSay& t : s.Themes)
        if (t.Id == id)
            return &t;
    return nullptr;
}

E SaySection(const std::vector<WijkRow>& rows, const SayFigures& all, const std::string& together) {
    E h = "<section id=\"zeggenschap\"><h2>Hoeveel zeggenschap wil elke wijk, per thema?</h2><p>" + SayExplained() +
          "</p>";
    if (all.Themes.empty())
        return h + "<p>Geen wijk heeft een praatplaat met de vraag wie er beslist.</p></section>\n";
    h += "<p>Wat de antwoorden betekenen:</p><ul>";
    for (size_t i = 0; i < all.Levels.size() && i < all.LevelAnswers.size(); i++)
        h += "<li>" + Esc(all.LevelAnswers[i]) + " beslist: <b>" + Esc(all.Levels[i]) + "</b></li>";
    h += "</ul><table class=\"say\"><thead><tr><th scope=\"col\">Wijk</th>";
    for (const ThemeSay& t : all.Themes)
        h += "<th scope=\"col\">" + Esc(t.Label) + "</th>";
    h += "</tr></thead><tbody>";
    for (const WijkRow& r : rows) {
        h += "<tr><th scope=\"row\">" + Link(r) + "</th>";
        for (const ThemeSay& t : all.Themes)
            h += ThemeCell(r.Say, FindTheme(r.Say, t.Id));
        h += "</tr>";
    }
    h += "<tr class=\"total\"><th scope=\"row\">" + together + "</th>";
    for (const ThemeSay& t : all.Themes)
        h += ThemeCell(all, &t);
    return h + "</tr></tbody></table><p class=\"muted\">" + together + " telt alleen de getallen die bij de wijken "
               "zelf staan: zo is ook een kleine wijk niet uit het totaal terug te rekenen.</p></section>\n";
}

E VlekkenSection(const std::vector<WijkRow>& rows, const SayFigures& all, const std::string& together) {
    E h = "<section id=\"witte-vlekken\"><h2>Witte vlekken, de vaakste eerst</h2><p>" + VlekkenExplained() +
          "</p><h3>" + together + "</h3>" + VlekkenTable(all, 10) +
          "<h3>Per wijk de drie vaakste</h3><table><thead><tr><th scope=\"col\">Wijk</th><th scope=\"col\">"
          "De vaakste witte vlekken</th></tr></thead><tbody>";
    for (const WijkRow& r : rows) {
        const std::vector<const VlekCount*> ranked = RankedVlekken(r.Say);
        E cell;
        for (size_t i = 0; i < ranked.size() && i < 3; i++)
            cell += "<li>" + Esc(ranked[i]->Prompt) + " <span class=\"muted\">(" + Esc(ranked[i]->Point) + ": " +
                    std::to_string(ranked[i]->Listed) + " van " + std::to_string(ranked[i]->Asked) + ")</span></li>";
        h += "<tr><th scope=\"row\">" + Link(r) + "</th><td>" +
             (cell.empty() ? E("<span class=\"muted\">geen om te tonen</span>") : "<ol>" + cell + "</ol>") +
             "</td></tr>";
    }
    return h + "</tbody></table><p class=\"muted\">Alle witte vlekken van een wijk staan in het rapport van die "
               "wijk.</p></section>\n";
}

E NewsSection(const std::vector<WijkRow>& rows) {
    E h = "<section id=\"updates\"><h2>Updates voor bewoners</h2><p>Wat het gebiedsteam bewoners liet weten over wat "
          "er met hun antwoorden gebeurde: op de kiosk en op de openbare pagina van de wijk.</p>";
    for (const WijkRow& r : rows) {
        h += "<h3>" + Esc(r.Wijk) + "</h3>";
        if (r.News.empty()) {
            h += "<p class=\"muted\">Nog geen updates.</p>";
            continue;
        }
        h += "<ul>";
        for (const auto& [date, title] : r.News)
            h += "<li>" + Esc(DutchDate(date)) + ": " + Esc(title) + "</li>";
        h += "</ul>";
    }
    return h + "</section>\n";
}

// every: the report is of every wijk the store knows (else of some: the console's, a user's own).
E Page(const std::vector<WijkRow>& rows, const SayFigures& all, const std::string& today, bool every) {
    E names;
    for (size_t i = 0; i < rows.size(); i++)
        names += (i == 0 ? "" : i + 1 == rows.size() ? " en " : ", ") + Esc(rows[i].Wijk);
    const E title = every ? "jaarrapport van alle wijken" : names.empty() ? "jaarrapport" : "jaarrapport van " + names;
    const E together = every ? "Alle wijken samen" : rows.size() == 1 ? "Samen" : "Deze wijken samen";
    return "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
           "content=\"width=device-width, initial-scale=1\"><title>Wijkstem: " + title + "</title>"
           "<style>body{font-family:\"DejaVu Sans\",Verdana,sans-serif;max-width:72rem;margin:1rem auto;padding:0 "
           "1rem;color:#1b1b1b;line-height:1.5}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{"
           "text-align:left;padding:.4rem;border-bottom:1px solid #c9d1da;vertical-align:top}thead th{background:"
           "#f2f5f8}td.num,th.num{text-align:right}a{color:#0b4f8a}.muted{color:#4a5562}tr.total th,tr.total td{"
           "border-top:2px solid #1b1b1b}ol{margin:0;padding-left:1.4rem}h2{margin-top:2rem;border-bottom:3px solid "
           "#104682}.regel{border-left:6px solid #104682;padding:.6rem 1rem;background:#f2f5f8}</style></head>"
           "<body><h1>Wijkstem: " + title + "</h1><p>Gemaakt op " +
           Esc(DutchDate(today)) +
           ". Voor de gemeenteraad: wat bewoners bij de kiosks zeiden, hoeveel zeggenschap ze willen, waar het "
           "proces nog niet sterk genoeg is, en wat er met de afspraken gebeurde. De naam van een wijk opent het "
           "rapport van die wijk.</p><nav aria-label=\"Inhoud\"><ul><li><a href=\"#wijken\">Bezoeken, afspraken en "
           "updates per wijk</a></li><li><a href=\"#zeggenschap\">Zeggenschap per thema</a></li><li><a "
           "href=\"#witte-vlekken\">Witte vlekken</a></li><li><a href=\"#updates\">Updates voor bewoners</a></li>"
           "<li><a href=\"#regel\">Kleine groepen</a></li></ul></nav>" +
           VisitsSection(rows) + SaySection(rows, all, together) + VlekkenSection(rows, all, together) + NewsSection(rows) +
           "<section id=\"regel\"><h2>Kleine groepen blijven onzichtbaar</h2><p class=\"regel\">Een getal van minder "
           "dan " + std::to_string(kMinGroup) +
           " mensen staat niet in dit rapport: niet bij de bezoeken, niet bij een thema en niet bij een witte vlek. "
           "Er staat dan &ldquo;minder dan " + std::to_string(kMinGroup) +
           "&rdquo;. Zo is niemand in het rapport terug te vinden.</p></section></body></html>\n";
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

//-----------------------------------------------------------------------------
// [SECTION] RunAll
//-----------------------------------------------------------------------------

bool RunAll(const Options& o, std::string* summary, std::vector<std::string>* problems) {
    problems->clear();
    if (o.Out.empty()) {
        problems->push_back("report --all needs --out DIR");
        return false;
    }
    std::vector<WijkRow> rows;
    std::string error;
    if (!ReadRows(o.Db, o.OnlyWijken, &rows, &error)) {
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
    std::vector<const SayFigures*> says;
    for (WijkRow& r : rows) {
        Options one = o;
        one.Wijk = r.Wijk;
        one.Out = o.Out + "/wijk-" + WijkSlug(r.Wijk);
        std::string line;
        Report built;
        if (!Run(one, &line, problems, &built))
            return false;
        r.Say = std::move(built.Say);
        says.push_back(&r.Say);
    }
    const SayFigures all = CombineSay(says);
    const std::string today = o.Today.empty() ? wsync::IsoToday() : o.Today;
    std::error_code ec;
    std::filesystem::create_directories(o.Out, ec);
    if (!wsync::WriteFileAtomically(o.Out + "/index.html", Page(rows, all, today, o.OnlyWijken.empty()), &error)) {
        problems->push_back("the overview was not written: " + error);
        return false;
    }
    *summary = "overview of " + std::to_string(rows.size()) + " wijk(en), each with its report; " +
               std::to_string(RankedVlekken(all).size()) + " witte vlek(ken) ranked; open " + o.Out + "/index.html";
    return true;
}

} // namespace report
