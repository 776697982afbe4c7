// The console's page Updates (store/console/page_news.cpp): add, list, remove, only in
// the user's own wijken, every change a POST with the session's CSRF token.
#include "console_fixture.hpp"

#include <doctest/doctest.h>

using namespace console;

namespace {
bool Has(const ConsoleResponse& r, const std::string& text) { return r.Body.find(text) != std::string::npos; }
} // namespace

TEST_CASE("console updates: a gebiedsteam user adds and removes updates of its own wijk only") {
    ConsoleFixture f;
    f.AddUser("anna", "gebiedsteam", {"Oosterpark"});
    f.Enrol("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "Oosterpark");
    f.Enrol("bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "Selwerd");
    const std::string anna = f.Login("anna"), csrf = "&csrf=" + CsrfToken(anna);
    auto page = f.Do("GET", "/console/updates", "", anna);
    CHECK(page.Status == 200);
    CHECK(Has(page, "Nog geen updates"));
    CHECK_FALSE(Has(page, "Updates <span class=\"later\">")); // no longer a placeholder
    auto added = f.Do("POST", "/console/updates",
                      "wijk=Oosterpark&title=Nieuwe+bankjes&text=Er+komen+vier+bankjes.%0D%0AIn+maart." + csrf, anna);
    CHECK(added.Status == 303);
    std::vector<wsync::NewsItem> items;
    std::string error;
    REQUIRE(f.S->News("Oosterpark", &items, &error));
    REQUIRE(items.size() == 1);
    CHECK(items[0].Text == "Er komen vier bankjes.  In maart."); // one paragraph
    CHECK(Has(f.Do("GET", "/console/updates?wijk=Oosterpark", "", anna), "Nieuwe bankjes"));
    // Refused: four sentences (the form comes back filled in), another wijk, no CSRF token.
    auto four = f.Do("POST", "/console/updates", "wijk=Oosterpark&title=Lang&text=Een.+Twee.+Drie.+Vier." + csrf, anna);
    CHECK(four.Status == 200);
    CHECK(Has(four, "Niet geplaatst"));
    CHECK(f.Do("POST", "/console/updates", "wijk=Selwerd&title=x&text=Een." + csrf, anna).Status == 403);
    CHECK(f.Do("GET", "/console/updates?wijk=Selwerd", "", anna).Status == 403);
    CHECK(f.Do("POST", "/console/updates", "wijk=Oosterpark&title=x&text=Een.", anna).Status == 403);
    wsync::NewsItem elsewhere{"", "Selwerd", "Selwerd nieuws", "Tekst.", "", ""};
    REQUIRE(f.S->AddNews(&elsewhere, &error));
    CHECK(f.Do("POST", "/console/updates/verwijderen", "id=" + elsewhere.Id + csrf, anna).Status == 403);
    REQUIRE(f.S->News("", &items, &error));
    CHECK(items.size() == 2);
    CHECK(f.Do("POST", "/console/updates/verwijderen", "id=" + items[0].Id + csrf, anna).Status == 303);
    REQUIRE(f.S->News("Oosterpark", &items, &error));
    CHECK(items.empty());
}
