// The console's page Afspraken (store/console/page_agreements.cpp) on a real store: a
// gebiedsteam user sees and changes the agreements of their own wijken only; each change
// goes into the history as console:NAME; a bad status or another wijk changes nothing.
#include "console_fixture.hpp"
#include "sync/uuid.hpp"

using namespace console;

namespace {

bool Has(const ConsoleResponse& r, const std::string& text) { return r.Body.find(text) != std::string::npos; }

// A kiosk in wijk that held a meeting with one agreement; its id.
std::string Meeting(ConsoleFixture& f, const std::string& wijk, const std::string& what) {
    const std::string device = wsync::NewUuidV4();
    f.Enrol(device, wijk);
    wsync::CampfireBatch b{device};
    b.Sessions.push_back({wsync::NewUuidV4(), "Buurtavond", wijk, "2026-11-28", 8, "gronings-model", "2.2.0",
                          "2026-11-28T19:00:00.000Z", "", 1});
    wsync::AgreementRecord a;
    a.Id = wsync::NewUuidV4(), a.SessionId = b.Sessions[0].Id, a.Wijk = wijk, a.What = what, a.Who = "gemeente";
    a.CreatedAt = a.UpdatedAt = "2026-11-28T20:00:00.000Z";
    b.Agreements.push_back(a);
    wsync::CampfireReply reply;
    std::string error;
    REQUIRE_MESSAGE(f.S->StoreCampfireBatch(b, "network", &reply, &error), error);
    REQUIRE(reply.Agreements[0].Status == wsync::AnswerStatus::Stored);
    return a.Id;
}

std::string StatusOf(ConsoleFixture& f, const std::string& id) {
    std::vector<wsync::AgreementRecord> list;
    std::vector<wsync::AgreementChangeRecord> history;
    std::string error;
    REQUIRE(f.S->Agreements("", &list, &history, &error));
    for (const auto& a : list)
        if (a.Id == id)
            return a.Status + "|" + a.Note + "|" + a.StatusSource;
    return "";
}

} // namespace

TEST_CASE("console Afspraken: own wijken only; a change kept with the user as its source") {
    ConsoleFixture f;
    f.AddUser("anna", "gebiedsteam", {"Oosterpark"});
    const std::string mine = Meeting(f, "Oosterpark", "Meer bankjes in het park");
    const std::string theirs = Meeting(f, "Selwerd", "Een buurtfeest in Selwerd");
    const std::string anna = f.Login("anna");

    auto page = f.Do("GET", "/console/afspraken", "", anna);
    CHECK(page.Status == 200);
    CHECK(Has(page, "Meer bankjes in het park"));
    CHECK_FALSE(Has(page, "Een buurtfeest in Selwerd"));
    CHECK_FALSE(Has(page, "(later)</span></a></li><li><a href=\"/console/gebruikers")); // no longer a placeholder

    const std::string csrf = "&csrf=" + CsrfToken(anna);
    auto r = f.Do("POST", "/console/afspraken", "id=" + mine + "&status=bezig&note=" + UrlEncode("Offerte gevraagd") + csrf, anna);
    CHECK(r.Status == 303);
    CHECK(StatusOf(f, mine) == "bezig|Offerte gevraagd|console:anna");
    page = f.Do("GET", "/console/afspraken?bewaard=" + mine, "", anna);
    CHECK(Has(page, "De stand is bewaard"));
    CHECK(Has(page, "gebiedsteam (anna)"));

    // Another wijk's agreement, a status outside the set, a control character, no CSRF token.
    CHECK(f.Do("POST", "/console/afspraken", "id=" + theirs + "&status=gedaan" + csrf, anna).Status != 303);
    CHECK(StatusOf(f, theirs).rfind("open|", 0) == 0);
    CHECK(f.Do("POST", "/console/afspraken", "id=" + mine + "&status=klaar-ish" + csrf, anna).Status != 303);
    CHECK(f.Do("POST", "/console/afspraken", "id=" + mine + "&status=gedaan&note=a%1Bb" + csrf, anna).Status != 303);
    CHECK(f.Do("POST", "/console/afspraken", "id=" + mine + "&status=gedaan", anna).Status != 303);
    CHECK(StatusOf(f, mine) == "bezig|Offerte gevraagd|console:anna");
    std::vector<wsync::AgreementRecord> list;
    std::vector<wsync::AgreementChangeRecord> history;
    std::string error;
    REQUIRE(f.S->Agreements("", &list, &history, &error));
    CHECK(history.size() == 1);
}
