// The report's files and its reading of a real store: the page escapes what it shows,
// counts.csv keeps the rule for small groups, the folder appears whole or not at all, the
// store is read without being changed, and a bad CSV stops everything (report/html,
// report/write, report/reader, report/run).
#include "fixtures_store.hpp"
#include "store/report/html.hpp"
#include "store/report/reader.hpp"
#include "store/report/run.hpp"
#include "store/report/svg_chart.hpp"
#include "store/report/write.hpp"
#include "sync/signing.hpp"
#include "store/store.hpp"
#include "sync/uuid.hpp"
#include "test_packs.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace report;

namespace {

using fixtures::Slurp;

struct TempDir : fixtures::TempDir {
    TempDir() : fixtures::TempDir("report") {}
};

Report Sample() {
    Input in;
    in.Wijk = "De <Wijk> & \"co\"";
    in.Today = "2026-11-28";
    in.Pack = BundledPack();
    in.Answers = {{"prettig-wonen", "4", "2026-10", 5}, {"prettig-wonen", "2", "2026-11", 6},
                  {"meer-zeggenschap", "ja", "2026-11", 2}};
    in.Sessions = {{"s1", "Kampvuur <script>alert(1)</script>", "2026-10-08", 8}};
    in.CampfireResults = {{"s1", "hoeveel-zeggenschap", "voortouw", 5, "hands"},
                       {"s1", "hoeveel-zeggenschap", "advies", 3, "hands"}};
    in.Agreements = {{"s1", "=HYPERLINK(\"http://x\") <b>vet</b>", "wijk", "2026-12-01", "", "open", ""}};
    return BuildReport(in);
}

} // namespace

TEST_CASE("report html: every text from the data is escaped; nothing from elsewhere") {
    CHECK(EscapeHtml("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    Report r = Sample();
    std::string html = RenderHtml(r);
    CHECK(html.find("<html lang=\"nl\">") != std::string::npos);
    CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(html.find("De &lt;Wijk&gt; &amp; &quot;co&quot;") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("<b>vet</b>") == std::string::npos);
    CHECK(html.find("src=\"http") == std::string::npos);
    CHECK(html.find("href=\"http") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    // The rule is in the report itself; the small question says it is hidden.
    CHECK(html.find("Kleine groepen blijven onzichtbaar") != std::string::npos);
    CHECK(html.find("Minder dan 5 antwoorden: niet getoond.") != std::string::npos);
    // The chart stands in the page as SVG, with its question as title and its figures in
    // words for who cannot see it; the file of its own is linked.
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"") != std::string::npos);
    CHECK(html.find("aria-labelledby=\"svg-kiosk-prettig-wonen-title svg-kiosk-prettig-wonen-desc\"") != std::string::npos);
    CHECK(html.find("<title id=\"svg-kiosk-prettig-wonen-title\">Hoe prettig woont u in uw wijk?</title>") !=
          std::string::npos);
    CHECK(html.find("<desc id=\"svg-kiosk-prettig-wonen-desc\">11 deelnemers. Heel slecht: 0% (0); Slecht: 55% (6);") !=
          std::string::npos);
    CHECK(html.find("<a href=\"charts/kiosk-prettig-wonen.svg\">") != std::string::npos);
    CHECK(html.find("<?xml") == std::string::npos); // inline: no declaration in the middle of a page
    CHECK(html.find("oktober 2026") != std::string::npos); // the trend
    CHECK(html.find("<td class=\"n\">0% (0)</td><td class=\"n\">0% (0)</td><td class=\"n\">0% (0)</td>"
                    "<td class=\"n\">100% (5)</td>") != std::string::npos);
    CHECK(html.find("1 december 2026") != std::string::npos);
    CHECK(Percent(2, 3) == "67%");
    CHECK(Percent(1, 0) == "0%");
}

TEST_CASE("report csv: the shown figures only, never a formula") {
    Report r = Sample();
    std::string csv = CountsCsv(r);
    CHECK(csv.rfind("source,period,question_id,question,value,label,count,respondents\n", 0) == 0);
    CHECK(csv.find("kiosk,all,prettig-wonen,Hoe prettig woont u in uw wijk?,4,Goed,5,11\n") != std::string::npos);
    CHECK(csv.find("kiosk,2026-10,prettig-wonen,Hoe prettig woont u in uw wijk?,4,Goed,5,5\n") != std::string::npos);
    CHECK(csv.find("meer-zeggenschap") == std::string::npos); // 2 answers: not in the report, not here either
    CHECK(csv.find("kampvuur 2026-10-08 Kampvuur <script>alert(1)</script>,all,hoeveel-zeggenschap,") !=
          std::string::npos);
    CHECK(csv.find("\"De wijk geeft advies, de gemeente beslist\",3,8\n") != std::string::npos);
}

TEST_CASE("report write: a whole folder or none; an earlier report is replaced, anything else refused") {
    TempDir t;
    Report r = Sample();
    const fs::path out = t.Path / "rapport";
    Written w;
    std::string error;
    REQUIRE_MESSAGE(WriteReport(r, out.string(), &w, &error), error);
    CHECK(w.Charts == 2); // prettig-wonen and the meeting's question
    CHECK(fs::exists(out / "index.html"));
    CHECK(fs::exists(out / "counts.csv"));
    std::string svg = Slurp(out / "charts" / "kiosk-prettig-wonen.svg");
    CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    CHECK(svg.find("<title id=\"svg-kiosk-prettig-wonen-title\">Hoe prettig woont u in uw wijk?</title>") !=
          std::string::npos);
    CHECK(svg.find(">55% (6)</text>") != std::string::npos);
    CHECK(svg.find(">45% (5)</text>") != std::string::npos);
    CHECK(svg.substr(svg.size() - 7) == "</svg>\n");
    // The meeting's chart says which meeting it is from, escaped.
    std::string meeting = Slurp(out / "charts" / "kampvuur-1-hoeveel-zeggenschap.svg");
    CHECK(meeting.find("8 oktober 2026 \u00B7 Kampvuur &lt;script&gt;alert(1)&lt;/script&gt; \u00B7 8 stemmen, 8 aanwezig") !=
          std::string::npos);
    CHECK(meeting.find("<script") == std::string::npos);
    CHECK_FALSE(fs::exists(out / "charts" / "kiosk-meer-zeggenschap.svg"));
    int files = 0;
    for (const auto& e : fs::directory_iterator(out / "charts"))
        files += e.path().extension() == ".svg";
    CHECK(files == 2);
    auto leftovers = [&] {
        int n = 0;
        for (const auto& e : fs::directory_iterator(t.Path))
            n += e.path().filename() != "rapport" && e.path().filename() != "other";
        return n;
    };
    CHECK(leftovers() == 0);

    SUBCASE("again: the new report replaces the old one") {
        std::ofstream(out / "charts" / "stale.svg") << "old";
        REQUIRE_MESSAGE(WriteReport(r, out.string() + "/", &w, &error), error);
        CHECK_FALSE(fs::exists(out / "charts" / "stale.svg"));
        CHECK(fs::exists(out / "index.html"));
        CHECK(leftovers() == 0);
    }
    SUBCASE("a folder with other files is left alone") {
        fs::create_directories(t.Path / "other");
        std::ofstream(t.Path / "other" / "notes.txt") << "mine";
        CHECK_FALSE(WriteReport(r, (t.Path / "other").string(), &w, &error));
        CHECK(error.find("not a report made by wijkstem-store") != std::string::npos);
        CHECK(Slurp(t.Path / "other" / "notes.txt") == "mine");
        CHECK_FALSE(fs::exists(t.Path / "other" / "index.html"));
        CHECK(leftovers() == 0);
    }
    SUBCASE("an empty folder is used") {
        fs::create_directories(t.Path / "other");
        REQUIRE_MESSAGE(WriteReport(r, (t.Path / "other").string(), &w, &error), error);
        CHECK(fs::exists(t.Path / "other" / "index.html"));
    }
}

TEST_CASE("report reader: a real store's wijk, read without changing the store") {
    TempDir t;
    const std::string db = (t.Path / "store.db").string();
    std::string error;
    const std::string a = wsync::NewUuidV4(), b = wsync::NewUuidV4(), other = wsync::NewUuidV4();
    {
        auto store = store::Store::Open(db, &error);
        REQUIRE_MESSAGE(store, error);
        auto enrol = [&](const std::string& device, const std::string& wijk) { fixtures::Enrol(*store, device, wijk); };
        enrol(a, "Oosterpark");
        enrol(b, "Oosterpark");
        enrol(other, "Selwerd");
        auto answer = [](int64_t seq, const std::string& session, const std::string& q, const std::string& v,
                         const std::string& at, bool flagged = false) {
            wsync::StoredAnswer s{wsync::NewUuidV7(1795000000000 + seq), seq, session, "gronings-model", "2.2.0", q, v, at};
            s.Flagged = flagged;
            return s;
        };
        const std::string s1 = wsync::NewUuidV4(), s2 = wsync::NewUuidV4(), s3 = wsync::NewUuidV4();
        std::vector<wsync::AnswerResult> results;
        REQUIRE(store->StoreBatch({a,
                                   {answer(1, s1, "prettig-wonen", "4", "2026-10-30T10:00:00.000Z"),
                                    answer(2, s1, "leeftijd", "65-80", "2026-10-30T10:00:10.000Z"),
                                    answer(3, s2, "prettig-wonen", "4", "2026-10-30T10:01:00.000Z", true)}},
                                  "network", &results, &error));
        REQUIRE(store->StoreBatch({b, {answer(1, s3, "prettig-wonen", "2", "2026-11-02T10:00:00.000Z")}}, "file",
                                  &results, &error));
        REQUIRE(store->StoreBatch({other, {answer(1, wsync::NewUuidV4(), "prettig-wonen", "1", "2026-11-02T10:00:00.000Z")}},
                                  "network", &results, &error));
        std::string body = Slurp(WIJKSTEM_SOURCE_DIR "/content/packs/gronings-model/pack.json");
        REQUIRE(store->Publish("Oosterpark", "gronings-model", BundledPack().Version, body, &error));
        const char* sql =
            "INSERT INTO group_sessions VALUES('g1', '%s', 'Oosterpark', 'Kampvuur', '2026-11-12', 9, 'gronings-model', "
            "'2.2.0', '2026-11-12T18:00:00Z', NULL, '2026-11-13T08:00:00Z');"
            "INSERT INTO group_results VALUES('g1', 'hoeveel-zeggenschap', 'voortouw', 6, 'hands');"
            "INSERT INTO agreements VALUES('x1', 'g1', '%s', 'Oosterpark', 'Bankjes', 'wijk', NULL, NULL, 'bezig', "
            "'2026-11-12T19:00:00Z', '2026-11-12T19:00:00Z', '2026-11-13T08:00:00Z');"
            "INSERT INTO agreements VALUES('x2', NULL, '%s', 'Selwerd', 'Elders', 'wijk', NULL, NULL, 'open', "
            "'2026-11-12T19:00:00Z', '2026-11-12T19:00:00Z', '2026-11-13T08:00:00Z');";
        char buf[2048];
        snprintf(buf, sizeof buf, sql, a.c_str(), a.c_str(), other.c_str());
        fixtures::ExecSql(store->Handle(), buf);
    }
    struct stat before;
    REQUIRE(stat(db.c_str(), &before) == 0);

    Input in;
    REQUIRE_MESSAGE(ReadStore(db, "Oosterpark", &in, &error), error);
    REQUIRE(in.Pack);
    CHECK(in.Pack->Id == "gronings-model");
    CHECK(in.Kiosks == 2);
    CHECK(in.FlaggedAnswers == 1);
    CHECK(in.FlaggedVisits == 1);
    CHECK(in.Visits == 2);
    CHECK(in.FirstDay == "2026-10-30");
    CHECK(in.LastDay == "2026-11-02");
    long long counted = 0;
    for (const TallyRow& row : in.Answers) {
        counted += row.Count;
        CHECK(row.Value != "1"); // Selwerd's answer is not Oosterpark's
    }
    CHECK(counted == 3);
    CHECK(in.Answers.size() == 3); // prettig-wonen 4 in October, 2 in November; leeftijd
    REQUIRE(in.Sessions.size() == 1);
    CHECK(in.Sessions[0].Present == 9);
    REQUIRE(in.CampfireResults.size() == 1);
    CHECK(in.CampfireResults[0].Method == "hands");
    REQUIRE(in.Agreements.size() == 1);
    CHECK(in.Agreements[0].What == "Bankjes");
    CHECK(in.Agreements[0].Due.empty());

    struct stat after;
    REQUIRE(stat(db.c_str(), &after) == 0);
    CHECK(after.st_size == before.st_size);
    CHECK(after.st_mtime == before.st_mtime);

    SUBCASE("an unknown wijk says which there are") {
        Input none;
        CHECK_FALSE(ReadStore(db, "Noorderplantsoen", &none, &error));
        CHECK(error.find("(this store knows: Oosterpark, Selwerd)") != std::string::npos);
        CHECK_FALSE(ReadStore(db, "oosterpark", &none, &error));
        CHECK(error.find("did you mean 'Oosterpark'") != std::string::npos);
    }
    SUBCASE("a missing database is not made") {
        Input none;
        CHECK_FALSE(ReadStore((t.Path / "nope.db").string(), "Oosterpark", &none, &error));
        CHECK(error.find("there is no store database") != std::string::npos);
        CHECK_FALSE(fs::exists(t.Path / "nope.db"));
    }
    SUBCASE("the whole command: a bad CSV stops it before any file is written") {
        std::ofstream(t.Path / "bad.csv") << "kenmerk,groep,aantal\nleeftijd,18-30,12\nleeftijd,65-80,veel\n";
        Options o;
        o.Db = db;
        o.Wijk = "Oosterpark";
        o.Out = (t.Path / "out").string();
        o.PopulationFile = (t.Path / "bad.csv").string();
        std::string summary;
        std::vector<std::string> problems;
        CHECK_FALSE(Run(o, &summary, &problems));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].find("bad.csv:3: aantal must be a whole number") != std::string::npos);
        CHECK_FALSE(fs::exists(t.Path / "out"));
        // Good figures but a group the pack does not have: also before anything is written.
        std::ofstream(t.Path / "bad.csv") << "kenmerk,groep,aantal\nleeftijd,18-25,12\n";
        CHECK_FALSE(Run(o, &summary, &problems));
        CHECK(problems.at(0).find("bad.csv:2: groep '18-25'") != std::string::npos);
        CHECK_FALSE(fs::exists(t.Path / "out"));
        // And with good figures, the report.
        std::ofstream(t.Path / "good.csv") << "kenmerk,groep,aantal\nleeftijd,65-80,100\nleeftijd,45-65,100\n";
        o.PopulationFile = (t.Path / "good.csv").string();
        o.Today = "2026-11-28";
        REQUIRE(Run(o, &summary, &problems));
        CHECK(summary.find("report for Oosterpark: 3 answer(s) counted from 2 kiosk(s), 1 flagged") != std::string::npos);
        CHECK(fs::exists(t.Path / "out" / "index.html"));
        o.Today = "28-11-2026";
        CHECK_FALSE(Run(o, &summary, &problems));
        CHECK(problems.at(0).find("--today needs a date") != std::string::npos);
    }
}
