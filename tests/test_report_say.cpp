// store/report/say: the say per theme and the witte vlekken, counted over visits by the
// kiosk's rule, with the rule for small groups; worked examples on the test pack
// (tests/test_packs.hpp): who_decides gemeente 1, samen 2, wijk 3; yes_no ja 2, nee 0;
// agree 1-2 -> 0, 3 -> 1, 4-5 -> 2; required strength adviseren 0, aanjagen 1, verdelen 2;
// kompas questions stem-iedereen, toegankelijk (ieders-stem), wie-beslist-duidelijk,
// begroting-zichtbaar (transparantie).
#include "store/report/model.hpp"
#include "store/report/say.hpp"
#include "test_packs.hpp"

using namespace report;

namespace {

// n visits with the same answers; visit ids carry a prefix so groups stay apart.
void Visits(std::vector<VisitAnswer>* out, const std::string& prefix, int n,
            const std::vector<std::pair<std::string, std::string>>& answers) {
    for (int i = 0; i < n; i++)
        for (const auto& [q, v] : answers)
            out->push_back({prefix + std::to_string(i), q, v});
}

const ThemeSay& Theme(const SayFigures& s, const std::string& id) {
    for (const ThemeSay& t : s.Themes)
        if (t.Id == id)
            return t;
    FAIL("no theme " << id);
    return s.Themes.front();
}

std::vector<std::string> Ranked(const SayFigures& s) {
    std::vector<std::string> ids;
    for (const VlekCount* v : RankedVlekken(s))
        ids.push_back(v->QuestionId + "=" + std::to_string(v->Listed) + "/" + std::to_string(v->Asked));
    return ids;
}

} // namespace

TEST_CASE("say per theme: counted per visit, the lean is the mean rounded half up, small themes hidden") {
    std::vector<VisitAnswer> a;
    // groen: 4 x wijk (3), 2 x samen (2) -> mean 2.67 -> 3; spelen: 3 x samen, 3 x gemeente -> 1.5 -> 2.
    Visits(&a, "a", 2, {{"wie-beslist.groen", "samen"}, {"wie-beslist.spelen", "gemeente"}});
    Visits(&a, "b", 1, {{"wie-beslist.groen", "wijk"}, {"wie-beslist.spelen", "gemeente"}});
    Visits(&a, "c", 3, {{"wie-beslist.groen", "wijk"}, {"wie-beslist.spelen", "samen"}});
    // verkeer: only 4 visits said who should decide there; one answer is not an option at all.
    Visits(&a, "d", 4, {{"wie-beslist.verkeer", "wijk"}});
    Visits(&a, "e", 1, {{"wie-beslist.verkeer", "weet-niet"}});
    const SayFigures s = CountSay(PraatplaatPack(), a);
    REQUIRE(s.Levels == std::vector<std::string>{"adviseren", "aanjagen", "verdelen"});
    CHECK(s.LevelAnswers == std::vector<std::string>{"gemeente", "samen", "wijk"});
    REQUIRE(s.Themes.size() == 3);
    const ThemeSay& groen = Theme(s, "wie-beslist.groen");
    CHECK(groen.Label == "groen");
    CHECK(groen.PerLevel == std::vector<long long>{0, 2, 4});
    CHECK(groen.Respondents == 6);
    CHECK(groen.Shown);
    CHECK(groen.Lean == 3);
    const ThemeSay& spelen = Theme(s, "wie-beslist.spelen");
    CHECK(spelen.PerLevel == std::vector<long long>{3, 3, 0});
    CHECK(spelen.Lean == 2); // 1.5 rounds up, to the more demanding archetype (as the kiosk does)
    const ThemeSay& verkeer = Theme(s, "wie-beslist.verkeer");
    CHECK(verkeer.Respondents == 4); // the unknown answer has no level: it counts for nothing
    CHECK_FALSE(verkeer.Shown);
    CHECK(verkeer.Lean == 0);
}

TEST_CASE("witte vlekken: what each visit's outcome lists, ranked by how often, small questions hidden") {
    std::vector<VisitAnswer> a;
    // 6 visits want the wijk to decide on groen (verdelen: strength 2 needed).
    Visits(&a, "v", 6, {{"wie-beslist.groen", "wijk"}, {"stem-iedereen", "nee"}, {"toegankelijk", "3"},
                        {"begroting-zichtbaar", "ja"}});
    // 5 visits want advice only (adviseren: nothing is too weak), the same weak answers.
    Visits(&a, "g", 5, {{"wie-beslist.groen", "gemeente"}, {"stem-iedereen", "nee"}, {"toegankelijk", "3"}});
    // 3 visits with samen (aanjagen: strength 1): stem-iedereen nee is a vlek, toegankelijk 3 not.
    Visits(&a, "s", 3, {{"hoeveel-zeggenschap", "samen"}, {"stem-iedereen", "nee"}, {"toegankelijk", "3"}});
    // 4 visits without anything about say: no outcome, so they are in no count.
    Visits(&a, "x", 4, {{"stem-iedereen", "nee"}, {"wie-beslist-duidelijk", "nee"}});
    // wie-beslist-duidelijk: only 2 visits with an outcome answered it.
    Visits(&a, "w", 2, {{"wie-beslist.groen", "wijk"}, {"wie-beslist-duidelijk", "nee"}});
    const SayFigures s = CountSay(PraatplaatPack(), a);
    CHECK(s.VisitsWithOutcome == 16);
    // stem-iedereen: 6 (verdelen) + 3 (aanjagen) listed, of 14 with an outcome who answered it;
    // toegankelijk: 6 of 14; begroting-zichtbaar: answered ja, never a vlek.
    CHECK(Ranked(s) == std::vector<std::string>{"stem-iedereen=9/14", "toegankelijk=6/14"});
    bool hidden = false;
    for (const VlekCount& v : s.Vlekken)
        if (v.QuestionId == "wie-beslist-duidelijk") {
            hidden = !v.Shown;
            CHECK(v.Asked == 2);
        }
    CHECK(hidden);
}

TEST_CASE("all wijken together add only what each wijk shows") {
    std::vector<VisitAnswer> big, small;
    Visits(&big, "b", 5, {{"wie-beslist.groen", "wijk"}, {"stem-iedereen", "nee"}});
    Visits(&small, "s", 3, {{"wie-beslist.groen", "gemeente"}, {"wie-beslist.spelen", "wijk"}, {"stem-iedereen", "nee"}});
    const SayFigures a = CountSay(PraatplaatPack(), big), b = CountSay(PraatplaatPack(), small);
    CHECK_FALSE(Theme(b, "wie-beslist.groen").Shown);
    const SayFigures all = CombineSay({&a, &b});
    CHECK(Theme(all, "wie-beslist.groen").PerLevel == std::vector<long long>{0, 0, 5}); // the small wijk's 3 left out
    CHECK(Theme(all, "wie-beslist.spelen").Respondents == 0);
    CHECK(Ranked(all) == std::vector<std::string>{"stem-iedereen=5/5"});
    CHECK(all.VisitsWithOutcome == 5);
    // A pack without a praatplaat has nothing to count, and adds nothing.
    content::Pack plain;
    const SayFigures none = CountSay(plain, big);
    CHECK_FALSE(none.HasPraatplaat());
    CHECK(CombineSay({&none}).Themes.empty());
}
