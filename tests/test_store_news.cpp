// The store's updates for residents and the receipts of visits (store/store_news.cpp), on
// a real SQLite file.
#include "fixtures_store.hpp"
#include "sync/batch.hpp"
#include "sync/receipt.hpp"
#include "sync/text_check.hpp"
#include "sync/uuid.hpp"

#include <doctest/doctest.h>

using namespace wsync;
using namespace store;

namespace {
NewsItem Item(const std::string& wijk, const std::string& title, const std::string& date = "") {
    NewsItem n;
    n.Wijk = wijk;
    n.Title = title;
    n.Text = "De gemeente doet iets met uw antwoorden.";
    n.Date = date;
    return n;
}
} // namespace

TEST_CASE("store news: add, list newest first per wijk, remove; refusals store nothing") {
    fixtures::TempStore t("store-news");
    t.Enrol(NewUuidV4(), "Oosterpark");
    t.Enrol(NewUuidV4(), "Selwerd");
    std::string error;
    NewsItem old = Item("Oosterpark", "Oud", "2026-01-05"), now = Item("Oosterpark", "Nieuw"),
             other = Item("Selwerd", "Elders");
    REQUIRE_MESSAGE(t.S->AddNews(&old, &error), error);
    REQUIRE(t.S->AddNews(&now, &error));
    REQUIRE(t.S->AddNews(&other, &error));
    CHECK(IsLowerHex(now.Id, 8));
    CHECK(now.Date.size() == 10); // today

    NewsItem bad = Item("Nergens", "x");
    CHECK_FALSE(t.S->AddNews(&bad, &error));
    CHECK(error.find("knows no wijk") != std::string::npos);
    bad = Item("Oosterpark", "x");
    bad.Text = "Een. Twee. Drie. Vier.";
    CHECK_FALSE(t.S->AddNews(&bad, &error));
    bad = Item("Oosterpark", "Bank\tjes");
    CHECK_FALSE(t.S->AddNews(&bad, &error));
    bad = Item("Oosterpark", "x", "morgen");
    CHECK_FALSE(t.S->AddNews(&bad, &error));
    CHECK(fixtures::QueryText(t.S->Handle(), "SELECT count(*) FROM news") == "3");

    std::vector<NewsItem> list;
    REQUIRE(t.S->News("Oosterpark", &list, &error));
    REQUIRE(list.size() == 2);
    CHECK(list[0].Title == "Nieuw");
    CHECK(list[1].Title == "Oud");
    REQUIRE(t.S->News("", &list, &error));
    CHECK(list.size() == 3);

    CHECK(t.S->RemoveNews(old.Id, &error));
    CHECK_FALSE(t.S->RemoveNews(old.Id, &error));
    CHECK(error.find("no update") != std::string::npos);
    REQUIRE(t.S->News("Oosterpark", &list, &error));
    CHECK(list.size() == 1);
}

TEST_CASE("store news: a kiosk's content carries its own wijk's updates only, at most kMaxNewsPerWijk") {
    fixtures::TempStore t("store-news-content");
    const std::string device = NewUuidV4();
    t.Enrol(device, "Oosterpark");
    t.Enrol(NewUuidV4(), "Selwerd");
    std::string error;
    for (size_t i = 0; i < kMaxNewsPerWijk + 3; i++) {
        NewsItem n = Item("Oosterpark", "Bericht " + std::to_string(i));
        REQUIRE(t.S->AddNews(&n, &error));
    }
    NewsItem other = Item("Selwerd", "Elders");
    REQUIRE(t.S->AddNews(&other, &error));
    WijkContent c;
    REQUIRE(t.S->ContentFor(device, &c, &error));
    REQUIRE(c.News.size() == kMaxNewsPerWijk);
    CHECK(c.News[0].Title == "Bericht " + std::to_string(kMaxNewsPerWijk + 2)); // the newest first
    for (const NewsItem& n : c.News)
        CHECK(n.Title != "Elders");
}

TEST_CASE("store receipts: noted when a visit's answer is newly stored, with the kiosk's key; nothing else") {
    fixtures::TempStore t("store-receipts");
    const std::string device = NewUuidV4();
    const std::string token = t.Enrol(device, "Oosterpark");
    const std::string session = NewUuidV4();
    Batch b;
    b.DeviceId = device;
    b.Answers.push_back({NewUuidV7(1795000000000), 1, session, "gronings-model", "2.1.0", "prettig-wonen", "4",
                         "2026-11-28T12:00:00.000Z"});
    b.Answers.push_back({NewUuidV7(1795000000001), 2, session, "gronings-model", "2.1.0", "weet-wie-beslist", "ja",
                         "2026-11-28T12:00:05.000Z"});
    std::vector<AnswerResult> results;
    std::string error, day;
    const std::string code = ReceiptCode(HashToken(token), session);
    CHECK_FALSE(t.S->ReceiptReceived(code, &day));
    REQUIRE_MESSAGE(t.S->StoreBatch(b, "network", &results, &error), error);
    REQUIRE(t.S->ReceiptReceived(code, &day));
    CHECK(day.size() == 10);
    CHECK(fixtures::QueryText(t.S->Handle(), "SELECT count(*) FROM receipts") == "1"); // one visit, one receipt
    REQUIRE(t.S->StoreBatch(b, "network", &results, &error)); // again: already stored, still one
    CHECK(fixtures::QueryText(t.S->Handle(), "SELECT count(*) FROM receipts") == "1");
    // The table holds the code and the day only: nothing that leads to the kiosk or the answers.
    CHECK(fixtures::TableColumns(t.S->Handle(), "receipts") == "code,received_on");
    CHECK_FALSE(t.S->ReceiptReceived(ReceiptCode(HashToken("another token"), session), &day));
}

TEST_CASE("store places: a wijk is a wijk until set a dorp; the kiosk's content says so; unknown wijk refused") {
    fixtures::TempStore t("store-places");
    const std::string device = NewUuidV4();
    t.Enrol(device, "Ten Boer");
    std::string error;
    WijkContent c;
    REQUIRE(t.S->ContentFor(device, &c, &error));
    CHECK(c.Place == "wijk");
    CHECK(t.S->PlaceOf("Ten Boer") == content::PlaceKind::Wijk);

    REQUIRE_MESSAGE(t.S->SetPlace("Ten Boer", content::PlaceKind::Dorp, &error), error);
    REQUIRE(t.S->ContentFor(device, &c, &error));
    CHECK(c.Place == "dorp");
    WijkContent back;
    REQUIRE(DecodeContent(EncodeContent(c), &back, &error));
    CHECK(back.Place == "dorp");

    CHECK_FALSE(t.S->SetPlace("Nergens", content::PlaceKind::Dorp, &error));
    CHECK(error.find("knows no wijk") != std::string::npos);
    CHECK(fixtures::QueryText(t.S->Handle(), "SELECT count(*) FROM places") == "1");

    // A reply with another kind is refused whole; one without (an older store) is a wijk.
    std::string body = EncodeContent(c);
    body.replace(body.find("\"dorp\""), 6, "\"stad\"");
    CHECK_FALSE(DecodeContent(body, &back, &error));
    CHECK(error.find("neither") != std::string::npos);
    body.replace(body.find(",\"place\":\"stad\""), 15, "");
    REQUIRE_MESSAGE(DecodeContent(body, &back, &error), body);
    CHECK(back.Place == "wijk");
}
