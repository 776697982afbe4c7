// store/report/overview: `report --all`, the council's overview of every wijk, on a real store.
#include "fixtures_store.hpp"
#include "store/report/overview.hpp"
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
    o.Db = t.Dir + "/store.db";
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
