// sync/news: what a kiosk and the store accept as an update for residents, and the
// down-sync's "news" array both ways.
#include "sync/batch.hpp"
#include "sync/news.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace wsync;

namespace {
NewsItem Good() { return {"0a1b2c3d", "Oosterpark", "Nieuwe bankjes", "De gemeente zet vier bankjes in het park.", "2026-12-04", "prettig-wonen"}; }
} // namespace

TEST_CASE("news: a plain update passes; sizes, characters, dates and ids are checked") {
    CHECK(NewsProblem(Good()) == "");
    NewsItem n = Good();
    n.Answers = "";
    CHECK(NewsProblem(n) == "");
    auto refused = [](NewsItem n) { return !NewsProblem(n).empty(); };
    n = Good(), n.Title = "";
    CHECK(refused(n));
    n = Good(), n.Title = std::string(kMaxNewsTitleBytes + 1, 'a');
    CHECK(refused(n));
    n = Good(), n.Text = std::string(kMaxNewsTextBytes + 1, 'a');
    CHECK(refused(n));
    n = Good(), n.Text = "Een\nregel";  // one paragraph: no line breaks
    CHECK(refused(n));
    n = Good(), n.Title = "Bankjes \xE2\x80\xAE"; // a bidi override
    CHECK(refused(n));
    n = Good(), n.Text = "\xff\xfe";
    CHECK(refused(n));
    n = Good(), n.Date = "4-12-2026";
    CHECK(refused(n));
    n = Good(), n.Date = "2019-12-04";
    CHECK(refused(n));
    n = Good(), n.Date = "2026-13-01";
    CHECK(refused(n));
    n = Good(), n.Id = "0A1B2C3D";
    CHECK(refused(n));
    n = Good(), n.Answers = "<script>";
    CHECK(refused(n));
}

TEST_CASE("news: sentences are counted, with or without a last full stop") {
    CHECK(CountSentences("Een zin.") == 1);
    CHECK(CountSentences("Een. Twee! Drie?") == 3);
    CHECK(CountSentences("Een. Twee zonder punt") == 2);
    CHECK(CountSentences("Om 10.30 uur begint het.") == 1); // a dot inside a number ends nothing
}

TEST_CASE("news: the content reply carries the updates; a bad one refuses the reply") {
    WijkContent c;
    c.Wijk = "Oosterpark";
    c.News = {Good()};
    WijkContent back;
    std::string error;
    REQUIRE_MESSAGE(DecodeContent(EncodeContent(c), &back, &error), error);
    REQUIRE(back.News.size() == 1);
    CHECK(back.News[0].Title == "Nieuwe bankjes");
    CHECK(back.News[0].Answers == "prettig-wonen");
    CHECK(back.News[0].Wijk == ""); // a kiosk knows its wijk: never sent
    CHECK(nlohmann::json::parse(EncodeContent(c))["news"][0].count("wijk") == 0);

    // An older store sends no "news": the reply is still good.
    nlohmann::json j = nlohmann::json::parse(EncodeContent(c));
    j.erase("news");
    CHECK(DecodeContent(j.dump(), &back, &error));
    CHECK(back.News.empty());
    // A malformed update, a missing field, too many: the reply is refused, with the reason.
    j = nlohmann::json::parse(EncodeContent(c));
    j["news"][0]["title"] = "Bank\x01jes";
    CHECK_FALSE(DecodeContent(j.dump(), &back, &error));
    CHECK(error.find("update") != std::string::npos);
    j = nlohmann::json::parse(EncodeContent(c));
    j["news"][0].erase("date");
    CHECK_FALSE(DecodeContent(j.dump(), &back, &error));
    j = nlohmann::json::parse(EncodeContent(c));
    for (size_t i = 0; i < kMaxNewsPerWijk; i++)
        j["news"].push_back(j["news"][0]);
    CHECK_FALSE(DecodeContent(j.dump(), &back, &error));
    j["news"] = "niet een lijst";
    CHECK_FALSE(DecodeContent(j.dump(), &back, &error));
}
