// The archetype-and-witte-vlekken rule, with worked examples. The numbers come from
// the test pack (tests/test_packs.hpp), written out here so each example can be
// checked by hand:
//   who_decides: gemeente level 1, samen 2, wijk 3
//   hoeveel-zeggenschap: advies level 1, samen 2, besluiten 3
//   yes_no strength: ja 2, nee 0, weet-niet 0;  agree strength: 1,2 -> 0; 3 -> 1; 4,5 -> 2
//   required_strength: adviseren 0, aanjagen 1, verdelen 2
//   kompas questions: stem-iedereen, toegankelijk, wie-beslist-duidelijk, begroting-zichtbaar
#include "content/outcome.hpp"
#include "test_packs.hpp"

using namespace content;

namespace {

std::vector<std::string> Vlekken(const Outcome& o) {
    std::vector<std::string> ids;
    for (const Question* q : o.WitteVlekken)
        ids.push_back(q->Id);
    return ids;
}

} // namespace

TEST_CASE("example 1: nothing about who decides -> no lean, no witte vlekken") {
    Outcome o = ComputeOutcome(PraatplaatPack(), {{"stem-iedereen", "nee"}, {"tevreden", "4"}});
    CHECK(o.Level == 0);
    CHECK(o.Lean == nullptr);
    CHECK(o.WitteVlekken.empty()); // without a wish for say, nothing is "not strong enough"
}

TEST_CASE("example 2: the gemeente decides everything -> adviseren; a weak process is enough") {
    // levels 1, 1, 1 -> mean 1 -> adviseren, which requires strength 0: no answer is too weak.
    Outcome o = ComputeOutcome(PraatplaatPack(), {{"wie-beslist.groen", "gemeente"},
                                                  {"wie-beslist.spelen", "gemeente"},
                                                  {"wie-beslist.verkeer", "gemeente"},
                                                  {"stem-iedereen", "nee"},
                                                  {"begroting-zichtbaar", "weet-niet"}});
    CHECK(o.Level == 1);
    REQUIRE(o.Lean);
    CHECK(o.Lean->Id == "adviseren");
    CHECK(o.WitteVlekken.empty());
}

TEST_CASE("example 3: the wijk decides -> verdelen; every answer under 'strong' is a witte vlek") {
    // levels 3, 3, 3 and besluiten 3 -> verdelen, which requires strength 2.
    Outcome o = ComputeOutcome(PraatplaatPack(), {{"wie-beslist.groen", "wijk"},
                                                  {"wie-beslist.spelen", "wijk"},
                                                  {"wie-beslist.verkeer", "wijk"},
                                                  {"hoeveel-zeggenschap", "besluiten"},
                                                  {"stem-iedereen", "nee"},           // 0 < 2: vlek
                                                  {"toegankelijk", "4"},              // 2: fine
                                                  {"wie-beslist-duidelijk", "weet-niet"}, // 0 < 2: vlek
                                                  {"begroting-zichtbaar", "ja"}});    // 2: fine
    CHECK(o.Level == 3);
    CHECK(o.Lean->Id == "verdelen");
    CHECK(Vlekken(o) == std::vector<std::string>{"stem-iedereen", "wie-beslist-duidelijk"});
}

TEST_CASE("example 4: together -> aanjagen; 'partly' is enough, 'no' is not") {
    // levels 1, 2, 3 -> mean 2 -> aanjagen, which requires strength 1.
    Outcome o = ComputeOutcome(PraatplaatPack(), {{"wie-beslist.groen", "gemeente"},
                                                  {"wie-beslist.spelen", "samen"},
                                                  {"wie-beslist.verkeer", "wijk"},
                                                  {"toegankelijk", "3"},          // 1: just enough
                                                  {"begroting-zichtbaar", "nee"}}); // 0 < 1: vlek
    CHECK(o.Level == 2);
    CHECK(o.Lean->Id == "aanjagen");
    CHECK(o.MeanLevel == doctest::Approx(2.0));
    CHECK(Vlekken(o) == std::vector<std::string>{"begroting-zichtbaar"});
}

TEST_CASE("example 5: a mean halfway rounds up, to the more demanding archetype") {
    // levels 2 and 3 -> 2.5 -> 3 (verdelen); levels 1 and 2 -> 1.5 -> 2 (aanjagen).
    Outcome up = ComputeOutcome(PraatplaatPack(), {{"wie-beslist.groen", "samen"}, {"hoeveel-zeggenschap", "besluiten"}});
    CHECK(up.MeanLevel == doctest::Approx(2.5));
    CHECK(up.Lean->Id == "verdelen");
    Outcome mid = ComputeOutcome(PraatplaatPack(), {{"wie-beslist.groen", "gemeente"}, {"hoeveel-zeggenschap", "samen"}});
    CHECK(mid.Lean->Id == "aanjagen");
    // levels 1, 1, 2 -> 1.33 -> 1 (adviseren)
    Outcome down = ComputeOutcome(PraatplaatPack(), {{"wie-beslist.groen", "gemeente"},
                                                     {"wie-beslist.spelen", "gemeente"},
                                                     {"hoeveel-zeggenschap", "samen"}});
    CHECK(down.Lean->Id == "adviseren");
}

TEST_CASE("example 6: the latest answer to a question counts; unanswered kompas questions are no vlek") {
    Outcome o = ComputeOutcome(PraatplaatPack(), {{"hoeveel-zeggenschap", "besluiten"},
                                                  {"stem-iedereen", "nee"},
                                                  {"stem-iedereen", "ja"}}); // changed their mind
    CHECK(o.Lean->Id == "verdelen");
    CHECK(o.WitteVlekken.empty()); // stem-iedereen is now strong; the other three were not answered
}

TEST_CASE("example 7: a budget division says nothing about who decides") {
    Outcome o = ComputeOutcome(PraatplaatPack(), {{"wijkbudget", "a:6,c:4"}, {"meedoen", "p,q"}});
    CHECK(o.Lean == nullptr);
}

TEST_CASE("a campfire group's answers: the most votes, never a tie, never nothing") {
    content::CampfireCounts counts;
    counts["prettig-wonen"] = {{"2", 1}, {"4", 6}, {"5", 3}};
    counts["wie-beslist.groen"] = {{"wijk", 4}, {"samen", 4}, {"gemeente", 1}}; // a split group
    counts["bezwaar"] = {{"ja", 0}, {"nee", 0}};                                 // nobody voted
    counts["controle"] = {{"nee", 5}};
    std::vector<content::GivenAnswer> given = content::CampfireAnswers(counts);
    REQUIRE(given.size() == 2);
    CHECK(given[0].QuestionId == "controle");
    CHECK(given[0].Value == "nee");
    CHECK(given[1].QuestionId == "prettig-wonen");
    CHECK(given[1].Value == "4");
}

TEST_CASE("per theme: each row of who decides leans its own way, with the witte vlekken for that much say") {
    // groen: wijk (3, verdelen needs 2); spelen: samen (2, aanjagen needs 1); verkeer:
    // gemeente (1, adviseren needs 0); toegankelijk 3 = strength 1, stem-iedereen nee = 0.
    const std::vector<GivenAnswer> given = {{"wie-beslist.groen", "wijk"},
                                            {"wie-beslist.spelen", "samen"},
                                            {"wie-beslist.verkeer", "gemeente"},
                                            {"hoeveel-zeggenschap", "besluiten"}, // not a theme: no row
                                            {"toegankelijk", "3"},
                                            {"stem-iedereen", "nee"}};
    std::vector<ThemeLean> themes = OutcomeByTheme(PraatplaatPack(), given);
    REQUIRE(themes.size() == 3); // the most say first
    auto ids = [](const ThemeLean& t) {
        std::vector<std::string> out;
        for (const Option* row : t.Themes)
            out.push_back(row->Id);
        return out;
    };
    auto vlekken = [](const ThemeLean& t) {
        std::vector<std::string> out;
        for (const Question* q : t.WitteVlekken)
            out.push_back(q->Id);
        return out;
    };
    CHECK(ids(themes[0]) == std::vector<std::string>{"groen"});
    CHECK(themes[0].Lean->Id == "verdelen");
    CHECK(vlekken(themes[0]) == std::vector<std::string>{"stem-iedereen", "toegankelijk"});
    CHECK(ids(themes[1]) == std::vector<std::string>{"spelen"});
    CHECK(themes[1].Lean->Id == "aanjagen");
    CHECK(vlekken(themes[1]) == std::vector<std::string>{"stem-iedereen"});
    CHECK(ids(themes[2]) == std::vector<std::string>{"verkeer"});
    CHECK(themes[2].Lean->Id == "adviseren");
    CHECK(themes[2].WitteVlekken.empty());

    // Two themes alike are one group; no who-decides answer, no themes.
    themes = OutcomeByTheme(PraatplaatPack(), {{"wie-beslist.groen", "samen"}, {"wie-beslist.verkeer", "samen"}});
    REQUIRE(themes.size() == 1);
    CHECK(ids(themes[0]) == std::vector<std::string>{"groen", "verkeer"});
    CHECK(OutcomeByTheme(PraatplaatPack(), {{"hoeveel-zeggenschap", "besluiten"}}).empty());
}

TEST_CASE("weet ik niet on the agree scale counts for nothing: not neutral, not a witte vlek") {
    // The bundled pack: agree has "weet-niet" without a strength (pack 2.5.0).
    const content::Pack& pack = BundledPack();
    const Question* q = nullptr;
    for (const Poll& zone : pack.Zones)
        for (const Question& x : zone.Questions)
            if (zone.Kind == PollKind::Kompas && x.Type == QuestionType::Agree && !q)
                q = &x;
    REQUIRE(q);
    const std::vector<GivenAnswer> wijk = {{"wie-beslist.groen", "wijk"}, {"wie-beslist.spelen", "wijk"}};
    std::vector<GivenAnswer> given = wijk;
    given.push_back({q->Id, "weet-niet"});
    CHECK(ComputeOutcome(pack, given).WitteVlekken.empty());
    given.back().Value = "3"; // neutral: strength 1, under verdelen's 2
    CHECK(ComputeOutcome(pack, given).WitteVlekken.size() == 1);
}

TEST_CASE("the witte vlekken the outcome lists: the most say of any theme, else the overall lean, else none") {
    auto ids = [](const std::vector<const Question*>& qs) {
        std::vector<std::string> out;
        for (const Question* q : qs)
            out.push_back(q->Id);
        return out;
    };
    int level = -1;
    // Themes answered: groen wants the most (wijk, 3), so verdelen's strength 2 is asked.
    CHECK(ids(ListedWitteVlekken(PraatplaatPack(),
                                 {{"wie-beslist.groen", "wijk"}, {"wie-beslist.spelen", "gemeente"},
                                  {"toegankelijk", "3"}, {"stem-iedereen", "ja"}},
                                 &level)) == std::vector<std::string>{"toegankelijk"});
    CHECK(level == 3);
    // No theme, but how much say: the overall lean (besluiten 3) decides.
    CHECK(ids(ListedWitteVlekken(PraatplaatPack(), {{"hoeveel-zeggenschap", "besluiten"}, {"stem-iedereen", "nee"}},
                                 &level)) == std::vector<std::string>{"stem-iedereen"});
    CHECK(level == 3);
    // Nothing about who decides: no lean, so nothing is too weak.
    CHECK(ListedWitteVlekken(PraatplaatPack(), {{"stem-iedereen", "nee"}}, &level).empty());
    CHECK(level == 0);
}
