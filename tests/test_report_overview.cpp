// store/report/overview: `report --all`, the council's overview of every wijk, on a real store.
#include "fixtures_store.hpp"
#include "store/report/html.hpp"
#include "store/report/overview.hpp"
#include "store/report/reader.hpp"
#include "store/report/say.hpp"
#include "test_packs.hpp"
#include "sync/batch.hpp"
#include "sync/uuid.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>

using namespace wsync;

namespace {
void Visits(store::Store& s, const std::string& device, int visits, int64_t* seq) {
    Batch b;
    b.DeviceId = device;
    for (int i = 0; i < visits; i++)
        b.Answers.push_back({NewUuidV7(1795000000000 + *seq), ++*seq, NewUuidV4(), "gronings-model", "9.9.9",
                             "prettig-wonen", "4", "2026-11-28T12:00:00.000Z"});
    std::vector<AnswerResult> results;
    std::string error;
    REQUIRE_MESSAGE(s.StoreBatch(b, "network", &results, &error), error);
}
// One visit of a resident: its answers under the bundled pack, one session.
void Visit(store::Store& s, const std::string& device, int64_t* seq,
           const std::vector<std::pair<std::string, std::string>>& answers) {
    Batch b;
    b.DeviceId = device;
    const std::string session = NewUuidV4();
    for (const auto& [q, v] : answers)
        b.Answers.push_back({NewUuidV7(1795000000000 + *seq), ++*seq, session, "gronings-model",
                             fixtures::BundledPackVersion(), q, v, "2026-11-28T12:00:00.000Z"});
    std::vector<AnswerResult> results;
    std::string error;
    REQUIRE_MESSAGE(s.StoreBatch(b, "network", &results, &error), error);
    for (const AnswerResult& r : results)
        REQUIRE_MESSAGE(r.Status == AnswerStatus::Stored, r.Reason);
}

std::string Prompt(const std::string& id) {
    const content::Question* q = BundledPack().FindQuestion(id);
    REQUIRE(q);
    return report::EscapeHtml(content::Tr(q->Prompt, "nl", "nl"));
}

// The part of page from the first `from` on, up to the first `to` after it.
std::string Between(const std::string& page, const std::string& from, const std::string& to) {
    const size_t a = page.find(from);
    REQUIRE_MESSAGE(a != std::string::npos, from);
    return page.substr(a, page.find(to, a) - a);
}
} // namespace

TEST_CASE("report --all: one overview linking a report per wijk; fewer than 5 visits not as a number") {
    fixtures::TempStore t("report-all");
    const std::string a = NewUuidV4(), b = NewUuidV4();
    t.Enrol(a, "Oud Zuid");
    t.Enrol(b, "Selwerd");
    int64_t sa = 0, sb = 0;
    Visits(*t.S, a, 7, &sa);
    Visits(*t.S, b, 3, &sb);
    std::string error;
    NewsItem n{"", "Oud Zuid", "Bankjes", "Er komen bankjes.", "", ""};
    REQUIRE(t.S->AddNews(&n, &error));
    report::Options o;
    o.Db = t.Target.Url;
    o.Out = t.Dir + "/overzicht";
    o.Today = "2026-12-04";
    std::string summary;
    std::vector<std::string> problems;
    REQUIRE_MESSAGE(report::RunAll(o, &summary, &problems), (problems.empty() ? "" : problems.front()));
    const std::string page = fixtures::Slurp(t.Path / "overzicht" / "index.html");
    CHECK(page.find("href=\"wijk-oud-zuid/index.html\">Oud Zuid</a>") != std::string::npos);
    CHECK(page.find("href=\"wijk-selwerd/index.html\">Selwerd</a>") != std::string::npos);
    CHECK(page.find("<td class=\"num\">7</td>") != std::string::npos);
    CHECK(page.find("minder dan 5") != std::string::npos);
    CHECK(page.find("<td class=\"num\">3</td>") == std::string::npos);
    CHECK(std::filesystem::exists(t.Path / "overzicht" / "wijk-oud-zuid" / "index.html"));
    CHECK(std::filesystem::exists(t.Path / "overzicht" / "wijk-selwerd" / "index.html"));
    CHECK(summary.find("2 wijk") != std::string::npos);
    CHECK(report::WijkSlug("Oud Zuid") == "oud-zuid");
    CHECK(report::WijkSlug("../..") == "wijk");
    // No folder: refused, nothing written.
    o.Out = "";
    CHECK_FALSE(report::RunAll(o, &summary, &problems));
}

TEST_CASE("report --all: say per theme and the witte vlekken ranked, per wijk and for all; a small wijk hidden") {
    fixtures::TempStore t("report-all-say");
    const std::string body = fixtures::Slurp(WIJKSTEM_SOURCE_DIR "/content/packs/gronings-model/pack.json");
    const std::string zuid = NewUuidV4(), selwerd = NewUuidV4(), vink = NewUuidV4();
    std::string error;
    for (const auto& [device, wijk] : {std::pair{zuid, "Oud Zuid"}, {selwerd, "Selwerd"}, {vink, "Vinkhuizen"}}) {
        t.Enrol(device, wijk);
        REQUIRE_MESSAGE(t.S->Publish(wijk, "gronings-model", BundledPack().Version, body, &error), error);
    }
    int64_t seq = 0;
    // Oud Zuid, 8 visits: the wijk decides on groen (verdelen needs strength 2), samen on verkeer;
    // begroting-zichtbaar "nee" (0) and werkwijze-zichtbaar "3" (neutral, 1) are both too weak.
    for (int i = 0; i < 8; i++)
        Visit(*t.S, zuid, &seq, {{"wie-beslist.groen", "wijk"}, {"wie-beslist.verkeer", "samen"},
                                 {"begroting-zichtbaar", "nee"}, {"werkwijze-zichtbaar", "3"}});
    // Selwerd, 6 visits: the gemeente on groen, samen on spelen (aanjagen needs 1): only "nee" is too weak.
    for (int i = 0; i < 6; i++)
        Visit(*t.S, selwerd, &seq, {{"wie-beslist.groen", "gemeente"}, {"wie-beslist.spelen", "samen"},
                                    {"begroting-zichtbaar", "nee"}, {"werkwijze-zichtbaar", "3"}});
    // Vinkhuizen, 3 visits: under the rule for small groups everywhere.
    for (int i = 0; i < 3; i++)
        Visit(*t.S, vink, &seq, {{"wie-beslist.groen", "wijk"}, {"bezwaar", "nee"}});
    report::Options o;
    o.Db = t.Target.Url;
    o.Out = t.Dir + "/jaar";
    o.Today = "2026-12-04";
    std::string summary;
    std::vector<std::string> problems;
    REQUIRE_MESSAGE(report::RunAll(o, &summary, &problems), (problems.empty() ? "" : problems.front()));
    const std::string page = fixtures::Slurp(t.Path / "jaar" / "index.html");
    CHECK(page.find("<h1>Wijkstem: jaarrapport van alle wijken</h1>") != std::string::npos);
    const std::string advies = "De wijk geeft advies", aanjagen = "De wijk begint zelf plannen",
                      verdelen = "De wijk beslist en verdeelt";

    // Say per theme: a row per wijk, a column per theme (groen, spelen, verkeer, ...).
    const std::string say = Between(page, "id=\"zeggenschap\"", "</section>");
    const std::string row_zuid = Between(say, ">Oud Zuid</a></th>", "</tr>");
    CHECK(Between(row_zuid, "<td", "</td>").find(verdelen) != std::string::npos); // groen
    CHECK(row_zuid.find("De gemeente 0, Samen 0, De wijk 8") != std::string::npos);
    CHECK(row_zuid.find(aanjagen) != std::string::npos); // verkeer
    const std::string row_selwerd = Between(say, ">Selwerd</a></th>", "</tr>");
    CHECK(Between(row_selwerd, "<td", "</td>").find(advies) != std::string::npos);
    CHECK(row_selwerd.find(aanjagen) != std::string::npos); // spelen
    const std::string row_vink = Between(say, ">Vinkhuizen</a></th>", "</tr>");
    CHECK(row_vink.find("minder dan 5") != std::string::npos);
    CHECK(row_vink.find(verdelen) == std::string::npos);
    CHECK(row_vink.find("De wijk 3") == std::string::npos);
    // All wijken: groen 6 x gemeente + 8 x wijk (Vinkhuizen's 3 left out): mean 2.14 -> aanjagen.
    const std::string row_all = Between(say, "Alle wijken samen</th>", "</tr>");
    CHECK(Between(row_all, "<td", "</td>").find(aanjagen) != std::string::npos);
    CHECK(row_all.find("De gemeente 6, Samen 0, De wijk 8") != std::string::npos);

    // Witte vlekken: across wijken, most often first; Vinkhuizen's "bezwaar" nowhere.
    const std::string vlekken = Between(page, "id=\"witte-vlekken\"", "</section>");
    const std::string all = Between(vlekken, "<h3>Alle wijken samen</h3>", "</table>");
    const size_t begroting = all.find(Prompt("begroting-zichtbaar")), werkwijze = all.find(Prompt("werkwijze-zichtbaar"));
    REQUIRE(begroting != std::string::npos);
    REQUIRE(werkwijze != std::string::npos);
    CHECK(begroting < werkwijze);
    CHECK(all.find("14 van 14 (100%)") != std::string::npos); // begroting: 8 + 6
    CHECK(all.find("8 van 14 (57%)") != std::string::npos);   // werkwijze: only Oud Zuid wants that much say
    CHECK(page.find(Prompt("bezwaar")) == std::string::npos);
    CHECK(Between(vlekken, ">Selwerd</a></th>", "</tr>").find(Prompt("werkwijze-zichtbaar")) == std::string::npos);
    CHECK(Between(vlekken, ">Vinkhuizen</a></th>", "</tr>").find("geen om te tonen") != std::string::npos);
    CHECK(summary.find("2 witte vlek") != std::string::npos);

    // Each wijk's own page has the same figures; the small wijk's shows none.
    const std::string zuid_page = fixtures::Slurp(t.Path / "jaar" / "wijk-oud-zuid" / "index.html");
    const std::string zuid_say = Between(zuid_page, "id=\"zeggenschap\"", "</section>");
    CHECK(zuid_say.find(verdelen) != std::string::npos);
    CHECK(zuid_say.find("8 van 8 (100%)") != std::string::npos);
    const std::string vink_say =
        Between(fixtures::Slurp(t.Path / "jaar" / "wijk-vinkhuizen" / "index.html"), "id=\"zeggenschap\"", "</section>");
    CHECK(vink_say.find("Minder dan 5 antwoorden: niet getoond.") != std::string::npos);
    CHECK(vink_say.find(Prompt("bezwaar")) == std::string::npos);

    // Only some wijken (the console: a user's own): the others are not in it at all.
    o.Out = t.Dir + "/selwerd";
    o.OnlyWijken = {"Selwerd"};
    REQUIRE_MESSAGE(report::RunAll(o, &summary, &problems), (problems.empty() ? "" : problems.front()));
    const std::string only = fixtures::Slurp(t.Path / "selwerd" / "index.html");
    CHECK(only.find("Selwerd") != std::string::npos);
    CHECK(only.find("Oud Zuid") == std::string::npos);
    CHECK(only.find("<h1>Wijkstem: jaarrapport van Selwerd</h1>") != std::string::npos); // not "alle wijken"
    CHECK_FALSE(std::filesystem::exists(t.Path / "selwerd" / "wijk-oud-zuid"));
}

// --- report --wijk reads a wijk's answers in one pass (issue 18) --------------------------

namespace {

// The reader's queries before the one pass (commit 81d1556), kept as the reference: what the
// report of a wijk counted, one query per figure, and the say per theme over the visits
// ordered by session, answered_at and seq.
void OldFigures(store::db::Conn* conn, const std::string& wijk, const content::Pack& pack, report::Input* in) {
    namespace db = store::db;
    auto each = [&](const std::string& sql, auto row) {
        db::Stmt st(conn, sql);
        st.Bind(wijk);
        db::StepResult rc;
        while ((rc = st.Step()) == db::kRow)
            row(st);
        REQUIRE_MESSAGE(rc == db::kDone, conn->Error());
    };
    const std::string from = " FROM answers a JOIN devices d ON d.id = a.device_id WHERE d.wijk = ?1 ";
    each("SELECT a.question_id, a.value, substr(a.answered_at, 1, 7), count(*)" + from +
             "AND a.superseded = 0 AND a.flagged = 0 GROUP BY 1, 2, 3 ORDER BY 1, 3, 2",
         [&](db::Stmt& st) { in->Answers.push_back({st.Text(0), st.Text(1), st.Text(2), st.Int(3)}); });
    each("SELECT count(DISTINCT a.device_id), min(substr(a.answered_at, 1, 10)), max(substr(a.answered_at, 1, 10))" +
             from + "AND a.flagged = 0",
         [&](db::Stmt& st) {
             in->Kiosks = st.Int(0);
             in->FirstDay = st.Text(1);
             in->LastDay = st.Text(2);
         });
    each("SELECT count(*)" + from + "AND a.flagged = 1", [&](db::Stmt& st) { in->FlaggedAnswers = st.Int(0); });
    each("SELECT coalesce(sum(CASE WHEN f = 0 THEN 1 ELSE 0 END), 0), coalesce(sum(CASE WHEN f = 1 THEN 1 ELSE 0 END), 0) "
         "FROM (SELECT max(a.flagged) AS f" + from + "GROUP BY a.session_id) AS visits",
         [&](db::Stmt& st) {
             in->Visits = st.Int(0);
             in->FlaggedVisits = st.Int(1);
         });
    each("SELECT a.pack_id || ' ' || a.pack_version, count(*)" + from + "AND a.flagged = 0 GROUP BY 1 ORDER BY 1",
         [&](db::Stmt& st) { in->PackVersions.emplace_back(st.Text(0), st.Int(1)); });
    const std::set<std::string> wanted = report::SayAnswerIds(pack);
    report::SayCounter counter(pack);
    each("SELECT a.session_id, a.question_id, a.value" + from +
             "AND a.superseded = 0 AND a.flagged = 0 ORDER BY a.session_id, a.answered_at, a.seq",
         [&](db::Stmt& st) {
             if (wanted.count(st.Text(1)))
                 counter.Add(st.Text(0), st.Text(1), st.Text(2));
         });
    in->Say = counter.Finish();
}

// Every figure the reader gives, as text, so that two readings compare at once.
std::string Figures(const report::Input& in) {
    std::string s = "kiosks " + std::to_string(in.Kiosks) + ", visits " + std::to_string(in.Visits) + "/" +
                    std::to_string(in.FlaggedVisits) + ", flagged " + std::to_string(in.FlaggedAnswers) + ", days " +
                    in.FirstDay + ".." + in.LastDay + "\n";
    for (const auto& [pack, n] : in.PackVersions)
        s += "pack " + pack + " " + std::to_string(n) + "\n";
    for (const report::TallyRow& a : in.Answers)
        s += "tally " + a.QuestionId + " " + a.Value + " " + a.Month + " " + std::to_string(a.Count) + "\n";
    s += "say: " + std::to_string(in.Say.VisitsWithOutcome) + " visits with an outcome\n";
    for (const report::ThemeSay& t : in.Say.Themes) {
        s += "theme " + t.Id + " " + std::to_string(t.Respondents) + " lean " + std::to_string(t.Lean) + ":";
        for (long long n : t.PerLevel)
            s += " " + std::to_string(n);
        s += "\n";
    }
    for (const report::VlekCount& v : in.Say.Vlekken)
        s += "vlek " + v.QuestionId + " " + std::to_string(v.Listed) + "/" + std::to_string(v.Asked) + "\n";
    return s;
}

} // namespace

TEST_CASE("report reader: one pass over a wijk's answers gives what the queries per figure gave") {
    fixtures::TempStore t("report-one-pass");
    const std::string body = fixtures::Slurp(WIJKSTEM_SOURCE_DIR "/content/packs/gronings-model/pack.json");
    // A name with a quote and "?1" in it: the wijk goes into the streamed SQL as a literal.
    const std::string big = "Bob's ?1 wijk", small = "Oud Zuid", other = "Selwerd";
    const std::string b1 = NewUuidV4(), b2 = NewUuidV4(), z = NewUuidV4(), s = NewUuidV4();
    std::string error;
    t.Enrol(b1, big);
    t.Enrol(b2, big);
    t.Enrol(z, small);
    t.Enrol(s, other);
    for (const std::string& wijk : {big, small})
        REQUIRE_MESSAGE(t.S->Publish(wijk, "gronings-model", BundledPack().Version, body, &error), error);
    const std::vector<std::pair<std::string, std::vector<std::string>>> kinds = {
        {"wie-beslist.groen", {"wijk", "samen", "gemeente"}},   {"wie-beslist.verkeer", {"samen", "gemeente"}},
        {"hoeveel-zeggenschap", {"advies", "voortouw", "besluiten", "weet-niet"}},
        {"begroting-zichtbaar", {"ja", "nee", "weet-niet"}},   {"werkwijze-zichtbaar", {"1", "3", "5"}},
        {"prettig-wonen", {"2", "4", "5"}},                      {"leeftijd", {"30-45", "65-80"}},
        {"nog-kwijt", {"Meer bankjes, graag!"}}};
    std::map<std::string, int64_t> seqs;
    // Visit n of a kiosk: its answers a few seconds apart in month 9, 10 or 11; every 7th flagged,
    // every 5th gives its first answer again (Terug), every 4th its last two at the same second
    // (seq decides), every 6th under an older pack version; every 3rd answers who decides on
    // verkeer twice (every 9th a second later, the others at the same second: seq decides which
    // is last). A reader that took a visit's answers in another order fails here.
    auto visit = [&](const std::string& device, int n) {
        wsync::Batch b;
        b.DeviceId = device;
        const std::string session = NewUuidV4();
        const std::string version = n % 6 == 0 ? "2.0.0" : BundledPack().Version;
        char day[32];
        snprintf(day, sizeof day, "2026-%02d-%02dT10:%02d:", 9 + n % 3, 1 + n % 28, n % 60);
        int second = 0;
        for (size_t k = 0; k < kinds.size(); k++) {
            if ((n + int(k)) % 3 == 0)
                continue; // not every question every visit
            const auto& [q, values] = kinds[k];
            const bool same_second = n % 4 == 0 && k + 2 >= kinds.size();
            char at[48];
            snprintf(at, sizeof at, "%s%02d.000Z", day, same_second ? 50 : second++);
            wsync::StoredAnswer a{NewUuidV7(1795000000000 + ++seqs[device]), seqs[device], session, "gronings-model",
                                  version, q, values[size_t(n * 7 + int(k)) % values.size()], at};
            a.Flagged = n % 7 == 0;
            b.Answers.push_back(a);
            if (n % 3 == 0 && k == 1) { // who decides on verkeer again, not as a change
                wsync::StoredAnswer again = a;
                again.Id = NewUuidV7(1795000000000 + ++seqs[device]);
                again.Seq = seqs[device];
                again.Value = a.Value == "samen" ? "gemeente" : "samen";
                if (n % 9 == 0) { // a later second; else the same second, and seq decides
                    snprintf(at, sizeof at, "%s%02d.500Z", day, 55);
                    again.AnsweredAt = at;
                }
                b.Answers.push_back(again);
            }
        }
        if (n % 5 == 0 && !b.Answers.empty()) {
            wsync::StoredAnswer changed = b.Answers.front();
            changed.Replaces = changed.Id;
            changed.Id = NewUuidV7(1795000000000 + ++seqs[device]);
            changed.Seq = seqs[device];
            changed.Value = changed.Value == "wijk" ? "gemeente" : "wijk";
            changed.AnsweredAt = changed.AnsweredAt.substr(0, 17) + "59.000Z";
            b.Answers.push_back(changed);
        }
        std::vector<wsync::AnswerResult> results;
        REQUIRE_MESSAGE(t.S->StoreBatch(b, "network", &results, &error), error);
    };
    for (int n = 1; n <= 60; n++) {
        visit(b1, n);
        visit(b2, n + 100);
    }
    for (int n = 1; n <= 12; n++) {
        visit(z, n);
        visit(s, n);
    }
    std::unique_ptr<store::db::Conn> conn = store::db::Open(t.Target.Url, true, &error);
    REQUIRE_MESSAGE(conn, error);
    for (const std::string& wijk : {big, small, other}) {
        CAPTURE(wijk);
        report::Input now;
        REQUIRE_MESSAGE(report::ReadStore(t.Target.Url, wijk, &now, &error), error);
        report::Input before;
        OldFigures(conn.get(), wijk, BundledPack(), &before);
        if (!now.Pack) // no pack published: no say counted, by either
            before.Say = {};
        CHECK(Figures(now) == Figures(before));
        CHECK(now.Visits > 0);
    }
    report::Input in;
    REQUIRE_MESSAGE(report::ReadStore(t.Target.Url, big, &in, &error), error);
    CHECK(in.Kiosks == 2);
    CHECK(in.FlaggedAnswers > 0);
    CHECK(in.PackVersions.size() == 2);
    CHECK(in.Say.VisitsWithOutcome > 0);
}

TEST_CASE("report reader: a wijk's name goes into the SQL as a literal, quotes doubled; a NUL byte refused") {
    CHECK(report::SqlLiteral("Oud Zuid") == "'Oud Zuid'");
    CHECK(report::SqlLiteral("Bob's") == "'Bob''s'");
    CHECK(report::SqlLiteral("'; DROP TABLE answers; --") == "'''; DROP TABLE answers; --'");
    CHECK(report::SqlLiteral("") == "''");
    fixtures::TempStore t("report-literal");
    t.Enrol(NewUuidV4(), "Selwerd");
    report::Input in;
    std::string error;
    CHECK_FALSE(report::ReadStore(t.Target.Url, std::string("Sel\0werd", 8), &in, &error));
    CHECK(error == "a wijk name cannot hold a NUL byte");
    // A name that ends the literal early finds no wijk and changes nothing.
    CHECK_FALSE(report::ReadStore(t.Target.Url, "x' OR '1'='1", &in, &error));
    CHECK(error.find("no kiosk is enrolled") != std::string::npos);
    REQUIRE(report::ReadStore(t.Target.Url, "Selwerd", &in, &error));
}
