// The attract screen's results: the most chosen answer of a question, never from fewer
// than 5 answers, and never about the resident (the closing questions) or free text.
#include "kiosk/highlights.hpp"
#include "test_packs.hpp"

using namespace kiosk;

TEST_CASE("the most chosen answer of each one-answer question, most answered first") {
    const content::Pack& pack = BundledPack();
    Tallies t;
    t["prettig-wonen"] = {{"4", 6}, {"5", 2}, {"1", 2}};   // 10 respondents, 60% "4"
    t["weet-wie-beslist"] = {{"nee", 3}, {"ja", 3}};      // a tie: the first in option order
    t["meer-zeggenschap"] = {{"ja", 2}, {"nee", 2}};      // 4: too few
    t["leeftijd"] = {{"65-80", 40}};                      // about the resident: never
    t["nog-kwijt"] = {{"meer bankjes", 9}};               // free text: never
    std::vector<Highlight> h = PickHighlights(pack, t, 5, 10);
    REQUIRE(h.size() == 2);
    CHECK(h[0].QuestionId == "prettig-wonen");
    CHECK(h[0].OptionId == "4");
    CHECK(h[0].Percent == 60);
    CHECK(h[0].Respondents == 10);
    CHECK(h[1].QuestionId == "weet-wie-beslist");
    CHECK(h[1].OptionId == "ja");
    CHECK(h[1].Percent == 50);

    CHECK(PickHighlights(pack, t, 5, 1).size() == 1);
    CHECK(PickHighlights(pack, {}, 5, 10).empty());
    std::vector<std::string> q = HighlightQuestions(pack);
    CHECK(std::find(q.begin(), q.end(), "leeftijd") == q.end());
    CHECK(std::find(q.begin(), q.end(), "nog-kwijt") == q.end());
    CHECK(std::find(q.begin(), q.end(), "onveilig-plek") == q.end()); // multiple choice: no single share
}
