// The console's page Jaarrapport (store/console/page_year_report.cpp): the council's year
// report for the wijken the user may see (an admin: all), in the navigation of every page,
// its files and its zip refused for another wijk, on a real store file.
#include "console_fixture.hpp"
#include "sync/batch.hpp"
#include "sync/uuid.hpp"
#include "test_packs.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace console;

namespace {

bool Has(const ConsoleResponse& r, const std::string& text) { return r.Body.find(text) != std::string::npos; }

// n visits to a kiosk of the wijk, each saying who should decide on groen.
void Visits(store::Store& s, const std::string& device, int n, const std::string& groen, int64_t* seq) {
    const std::string version = BundledPack().Version;
    for (int i = 0; i < n; i++) {
        wsync::Batch b;
        b.DeviceId = device;
        const std::string session = wsync::NewUuidV4();
        for (const auto& [q, v] : {std::pair<std::string, std::string>{"wie-beslist.groen", groen},
                                   {"begroting-zichtbaar", "nee"}})
            b.Answers.push_back({wsync::NewUuidV7(1795000000000 + *seq), ++*seq, session, "gronings-model", version, q,
                                 v, "2026-11-28T12:00:00.000Z"});
        std::vector<wsync::AnswerResult> results;
        std::string error;
        REQUIRE_MESSAGE(s.StoreBatch(b, "network", &results, &error), error);
    }
}

} // namespace

TEST_CASE("console jaarrapport: only the user's own wijken; an admin sees all; in every page's navigation") {
    ConsoleFixture f;
    f.AddUser("anna", "gebiedsteam", {"Oosterpark"});
    f.AddUser("bert", "gebiedsteam", {});
    f.AddUser("beheer", "admin", {});
    const std::string oost = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", selw = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
    f.Enrol(oost, "Oosterpark");
    f.Enrol(selw, "Selwerd");
    std::ifstream in(WIJKSTEM_SOURCE_DIR "/content/packs/gronings-model/pack.json");
    std::stringstream body;
    body << in.rdbuf();
    std::string error;
    for (const char* wijk : {"Oosterpark", "Selwerd"})
        REQUIRE_MESSAGE(f.S->Publish(wijk, "gronings-model", BundledPack().Version, body.str(), &error), error);
    int64_t seq = 0;
    Visits(*f.S, oost, 6, "wijk", &seq);
    Visits(*f.S, selw, 7, "gemeente", &seq);
    const std::string anna = f.Login("anna"), bert = f.Login("bert"), admin = f.Login("beheer");

    // Found without a manual: a link in the navigation of every page.
    CHECK(Has(f.Do("GET", "/console/kiosks", "", anna), "<a href=\"/console/jaarrapport\">Jaarrapport</a>"));
    auto page = f.Do("GET", "/console/jaarrapport", "", anna);
    REQUIRE(page.Status == 200);
    CHECK(Has(page, "<a href=\"/console/jaarrapport\" aria-current=\"page\">Jaarrapport</a>"));
    CHECK(Has(page, "Alleen uw wijken staan erin: Oosterpark."));
    CHECK(Has(page, "src=\"/console/jaarrapport/bestand/index.html\""));
    CHECK_FALSE(Has(page, "Selwerd"));
    auto overview = f.Do("GET", "/console/jaarrapport/bestand/index.html", "", anna);
    REQUIRE(overview.Status == 200);
    CHECK(overview.ContentType == "text/html; charset=utf-8");
    CHECK(Has(overview, "href=\"wijk-oosterpark/index.html\">Oosterpark</a>"));
    CHECK(Has(overview, "<h1>Wijkstem: jaarrapport van Oosterpark</h1>"));
    CHECK(Has(overview, "<td><b>De wijk beslist en verdeelt</b>")); // Oosterpark's 6 on groen
    CHECK_FALSE(Has(overview, "Selwerd"));
    CHECK_FALSE(Has(overview, "<td><b>De wijk geeft advies</b>")); // Selwerd's lean is not in it
    CHECK(f.Do("GET", "/console/jaarrapport/bestand/wijk-oosterpark/index.html", "", anna).Status == 200);
    // Another wijk's page, a way out of the folder, odd names: not found, nothing shown.
    for (const char* target : {"/console/jaarrapport/bestand/wijk-selwerd/index.html",
                               "/console/jaarrapport/bestand/../jaar-616e6e61/index.html",
                               "/console/jaarrapport/bestand/%2e%2e/%2e%2e/store.db", "/console/jaarrapport/bestand/"}) {
        CAPTURE(target);
        auto r = f.Do("GET", target, "", anna);
        CHECK(r.Status == 404);
        CHECK_FALSE(Has(r, "Selwerd"));
    }
    auto zip = f.Do("GET", "/console/jaarrapport/zip", "", anna);
    REQUIRE(zip.Status == 200);
    CHECK(zip.ContentType == "application/zip");
    CHECK(Has(zip, "jaarrapport/wijk-oosterpark/index.html")); // names stand uncompressed in a zip
    CHECK_FALSE(Has(zip, "wijk-selwerd"));

    // The admin: every wijk, with Selwerd's lean.
    auto all = f.Do("GET", "/console/jaarrapport", "", admin);
    CHECK(Has(all, "alle wijken van de store"));
    auto all_overview = f.Do("GET", "/console/jaarrapport/bestand/index.html", "", admin);
    CHECK(Has(all_overview, ">Oosterpark</a>"));
    CHECK(Has(all_overview, ">Selwerd</a>"));
    CHECK(Has(all_overview, "<h1>Wijkstem: jaarrapport van alle wijken</h1>"));
    CHECK(Has(all_overview, "<td><b>De wijk geeft advies</b>"));
    CHECK(f.Do("GET", "/console/jaarrapport/bestand/wijk-selwerd/index.html", "", admin).Status == 200);

    // A gebiedsteam user without a wijk gets no report at all (not every wijk).
    auto none = f.Do("GET", "/console/jaarrapport", "", bert);
    CHECK(Has(none, "U hebt nog geen wijk."));
    CHECK_FALSE(Has(none, "iframe"));
    CHECK(f.Do("GET", "/console/jaarrapport/bestand/index.html", "", bert).Status == 500);
    CHECK_FALSE(Has(f.Do("GET", "/console/jaarrapport/zip", "", bert), "Selwerd"));
    // Without a session: the login.
    CHECK(f.Do("GET", "/console/jaarrapport").Status == 303);
}
