// The public page of a wijk (store/console/page_public.cpp) over a real store: no login,
// everything escaped, small groups hidden, the receipt's one sentence, a strict CSP.
#include "console_fixture.hpp"
#include "content/pack_loader.hpp"
#include "store/console/public_page.hpp"
#include "sync/receipt.hpp"
#include "sync/uuid.hpp"

#include <doctest/doctest.h>

using namespace console;

namespace {
ConsoleResponse Get(PublicPage& p, const std::string& target, const std::string& addr = "10.0.0.1") {
    ConsoleRequest req;
    req.Method = "GET";
    const size_t q = target.find('?');
    req.Path = target.substr(0, q);
    req.Query = q == std::string::npos ? "" : target.substr(q + 1);
    req.RemoteAddr = addr;
    ConsoleResponse res;
    HandlePublic(p, req, &res);
    return res;
}
bool Has(const ConsoleResponse& r, const std::string& s) { return r.Body.find(s) != std::string::npos; }
} // namespace

TEST_CASE("public page: the wijk's updates and agreements, escaped; another wijk's never; unknown wijk 404") {
    ConsoleFixture f;
    f.Enrol("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "Oud Zuid");
    f.Enrol("bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "Selwerd");
    std::string error;
    wsync::NewsItem n{"", "Oud Zuid", "Bankjes <b>&</b> bomen", "Er komen \"vier\" bankjes.", "2026-12-04", ""};
    REQUIRE(f.S->AddNews(&n, &error));
    wsync::NewsItem other{"", "Selwerd", "Alleen Selwerd", "Tekst.", "", ""};
    REQUIRE(f.S->AddNews(&other, &error));
    fixtures::ExecSql(f.S->Handle(),
                      "INSERT INTO agreements(id, device_id, wijk, what, who, status, created_at, updated_at, "
                      "received_at) VALUES('x', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'Oud Zuid', "
                      "'Speeltuin <opknappen>', 'gemeente', 'bezig', '2026-11-01', '2026-11-01', '2026-11-01')");
    PublicPage p(*f.S);
    auto r = Get(p, "/wijk/Oud%20Zuid");
    CHECK(r.Status == 200);
    CHECK(Has(r, "Bankjes &lt;b&gt;&amp;&lt;/b&gt; bomen"));
    CHECK_FALSE(Has(r, "<b>&</b>"));
    CHECK(Has(r, "4 december 2026"));
    CHECK(Has(r, "Speeltuin &lt;opknappen&gt;"));
    CHECK(Has(r, "de gemeente"));
    CHECK(Has(r, "<td>bezig</td>"));
    CHECK_FALSE(Has(r, "Alleen Selwerd"));
    CHECK_FALSE(Has(r, "<script"));
    std::string csp;
    for (const auto& [k, v] : r.Headers)
        if (k == "Content-Security-Policy")
            csp = v;
    CHECK(csp.find("default-src 'none'") != std::string::npos);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
    CHECK(Get(p, "/wijk/Nergens").Status == 404);
    CHECK(Get(p, "/wijk/").Status == 404);
    CHECK(Get(p, "/wijk/%3Cscript%3E").Status == 404);
    CHECK_FALSE(Has(Get(p, "/wijk/%3Cscript%3E"), "<script>"));
}

TEST_CASE("public page: results only for questions with 5 answers or more") {
    ConsoleFixture f;
    const std::string dev = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
    f.Enrol(dev, "Oosterpark");
    std::string error, skipped;
    REQUIRE(f.S->AddPackFolder(std::string(WIJKSTEM_SOURCE_DIR) + "/content/packs", &error, &skipped));
    content::LoadResult pack = content::LoadPack(std::string(WIJKSTEM_SOURCE_DIR) + "/content/packs/gronings-model");
    REQUIRE(pack.Ok());
    wsync::Batch b;
    b.DeviceId = dev;
    for (int i = 0; i < 6; i++) { // 6 for prettig-wonen, 4 for weet-wie-beslist
        const std::string s = wsync::NewUuidV4();
        b.Answers.push_back({wsync::NewUuidV7(1795000000000 + i * 10), int64_t(2 * i + 1), s, pack.Pack.Id, pack.Pack.Version,
                             "prettig-wonen", "4", "2026-11-28T12:00:00.000Z"});
        if (i < 4)
            b.Answers.push_back({wsync::NewUuidV7(1795000000000 + i * 10 + 1), int64_t(2 * i + 2), s, pack.Pack.Id,
                                 pack.Pack.Version, "weet-wie-beslist", "ja", "2026-11-28T12:00:00.000Z"});
    }
    std::vector<wsync::AnswerResult> results;
    REQUIRE_MESSAGE(f.S->StoreBatch(b, "network", &results, &error), error);
    PublicPage p(*f.S);
    auto r = Get(p, "/wijk/Oosterpark");
    const content::Question* shown = pack.Pack.FindQuestion("prettig-wonen");
    const content::Question* hidden = pack.Pack.FindQuestion("weet-wie-beslist");
    REQUIRE(shown);
    REQUIRE(hidden);
    CHECK(Has(r, content::Tr(shown->Prompt, "nl", "nl").substr(0, 20)));
    CHECK_FALSE(Has(r, content::Tr(hidden->Prompt, "nl", "nl").substr(0, 20)));
}

TEST_CASE("public page: a receipt says received with the date, else not yet; look-ups are limited") {
    ConsoleFixture f;
    const std::string dev = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
    const std::string token = f.Enrol(dev, "Oosterpark");
    const std::string session = wsync::NewUuidV4();
    wsync::Batch b;
    b.DeviceId = dev;
    b.Answers.push_back({wsync::NewUuidV7(1795000000000), 1, session, "gronings-model", "9.9.9", "prettig-wonen", "4",
                         "2026-11-28T12:00:00.000Z"});
    std::vector<wsync::AnswerResult> results;
    std::string error;
    PublicPage p(*f.S);
    const std::string code = wsync::ReceiptCode(wsync::HashToken(token), session);
    CHECK(Has(Get(p, "/wijk/Oosterpark?bon=" + code, "10.0.0.2"), "Nog niet ontvangen"));
    REQUIRE(f.S->StoreBatch(b, "network", &results, &error));
    std::string lower = code;
    for (char& c : lower)
        c = char(tolower((unsigned char)c));
    auto r = Get(p, "/wijk/Oosterpark?bon=" + lower, "10.0.0.3");
    CHECK(Has(r, "Ontvangen door de gemeente op "));
    CHECK_FALSE(Has(r, "prettig-wonen")); // says nothing of the answers
    CHECK(Has(Get(p, "/wijk/Oosterpark?bon=%22%3E%3Cb%3E", "10.0.0.4"), "Dit is geen bewijsnummer"));
    int limited = 0;
    for (int i = 0; i < 10; i++)
        limited += Get(p, "/wijk/Oosterpark?bon=AAAA-AAA" + std::to_string(i), "10.0.0.5").Status == 429;
    CHECK(limited >= 4);
    CHECK(Get(p, "/wijk/Oosterpark", "10.0.0.5").Status == 200); // the page itself stays open
}
