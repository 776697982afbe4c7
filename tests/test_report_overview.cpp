// store/report/overview: `report --all`, the council's overview of every wijk, on a real store.
#include "fixtures_store.hpp"
#include "store/report/html.hpp"
#include "store/report/overview.hpp"
#include "test_packs.hpp"
#include "sync/batch.hpp"
#include "sync/uuid.hpp"

#include <doctest/doctest.h>

#include <filesystem>

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
