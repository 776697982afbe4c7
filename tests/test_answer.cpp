// How each question type's answer becomes one journal value, and back.
#include "content/answer.hpp"
#include "test_packs.hpp"

using namespace content;

TEST_CASE("answer encoding, per question type") {
    const Pack& pack = PraatplaatPack();
    SUBCASE("multiple: option ids in option order, whatever the tapping order") {
        const Question* q = pack.FindQuestion("meedoen");
        REQUIRE(q);
        CHECK(EncodeMultiple(*q, {"r", "p"}) == "p,r");
        CHECK(EncodeMultiple(*q, {"q"}) == "q");
        CHECK(EncodeMultiple(*q, {"nope", "q"}) == "q"); // unknown ids never reach the journal
        CHECK(ChosenOptions("p,r") == std::vector<std::string>{"p", "r"});
    }
    SUBCASE("top: option ids in the chosen order") {
        CHECK(EncodeTop({"z", "x"}) == "z,x");
        CHECK(ChosenOptions("z,x") == std::vector<std::string>{"z", "x"});
    }
    SUBCASE("budget: id:amount in option order, zero amounts left out") {
        const Question* q = pack.FindQuestion("wijkbudget");
        REQUIRE(q);
        CHECK(q->Total == 10);
        CHECK(EncodeBudget(*q, {{"c", 4}, {"a", 6}, {"b", 0}}) == "a:6,c:4");
        std::map<std::string, int> back;
        REQUIRE(DecodeBudget("a:6,c:4", &back));
        CHECK(back == std::map<std::string, int>{{"a", 6}, {"c", 4}});
        CHECK(ChosenOptions("a:6,c:4") == std::vector<std::string>{"a", "c"});
        CHECK_FALSE(DecodeBudget("a6", &back));
        CHECK_FALSE(DecodeBudget("a:-1", &back));
        CHECK_FALSE(DecodeBudget("a:x", &back));
        CHECK_FALSE(DecodeBudget(":4", &back));
    }
    SUBCASE("matrix: one answer per row, under QUESTION.ROW") {
        const Question* q = pack.FindQuestion("wie-beslist");
        REQUIRE(q);
        CHECK(MatrixAnswerId(*q, "groen") == "wie-beslist.groen");
        CHECK(QuestionOfAnswer(pack, "wie-beslist.groen") == q);
        CHECK(QuestionOfAnswer(pack, "wie-beslist") == q);
        CHECK(QuestionOfAnswer(pack, "stem-iedereen.groen") == nullptr); // only a matrix has rows
        CHECK(QuestionOfAnswer(pack, "nope") == nullptr);
    }
    SUBCASE("single and scales: the option id itself") {
        CHECK(ChosenOptions("weet-niet") == std::vector<std::string>{"weet-niet"});
        CHECK(ChosenOptions("").empty());
    }
}

TEST_CASE("counting answers per option for the results chart") {
    const Pack& pack = PraatplaatPack();
    long long respondents = 0;
    SUBCASE("a multiple answer counts once for each chosen option") {
        auto counts = CountOptions(*pack.FindQuestion("meedoen"), {{"p,r", 3}, {"q", 2}, {"p", 1}}, &respondents);
        CHECK(respondents == 6);
        CHECK(counts == std::vector<std::pair<std::string, long long>>{{"p", 4}, {"q", 2}, {"r", 3}});
    }
    SUBCASE("a budget adds up its amounts") {
        auto counts = CountOptions(*pack.FindQuestion("wijkbudget"), {{"a:6,c:4", 2}, {"b:10", 1}}, &respondents);
        CHECK(respondents == 3);
        CHECK(counts == std::vector<std::pair<std::string, long long>>{{"a", 12}, {"b", 10}, {"c", 8}});
    }
    SUBCASE("options nobody chose are there with 0, in pack order") {
        auto counts = CountOptions(*pack.FindQuestion("stem-iedereen"), {{"nee", 5}}, &respondents);
        CHECK(counts == std::vector<std::pair<std::string, long long>>{{"ja", 0}, {"nee", 5}, {"weet-niet", 0}});
    }
}

TEST_CASE("show-if: a question shows only after one of the named answers") {
    const Pack& pack = PraatplaatPack();
    const Question* often = pack.FindQuestion("wijkpanel-vaak");
    REQUIRE(often);
    REQUIRE(often->Show);
    CHECK(often->Show->Question == "wijkpanel");
    CHECK_FALSE(IsShown(*often, {}));                               // not answered: hidden
    CHECK(IsShown(*often, {{"wijkpanel", "ja"}}));                  // the named value
    CHECK_FALSE(IsShown(*often, {{"wijkpanel", "nee"}}));           // another value
    CHECK_FALSE(IsShown(*often, {{"wijkpanel", "weet-niet"}}));     // "weet ik niet" is an answer too
    CHECK_FALSE(IsShown(*often, {{"wijkpanel", "ja"}, {"wijkpanel", "nee"}})); // the latest counts
    CHECK(IsShown(*pack.FindQuestion("wijkpanel"), {}));            // no condition: always
}
