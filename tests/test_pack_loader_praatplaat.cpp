// The validator's rules for the praatplaat and the newer question types, each
// reported with FILE:LINE:COL. The pack is made in code (tests/test_packs.hpp) and
// broken one way per case; the position is found in the dumped text itself.
#include "test_packs.hpp"

#include <algorithm>
#include <functional>
#include <string>

using namespace content;
using nlohmann::json;

namespace {

// Loads the dumped pack; returns its problems.
std::vector<Problem> Problems(const json& pack, std::string* text) {
    *text = pack.dump(2);
    return LoadPackText(*text, "pack.json").Problems;
}

// Line and column (1-based) of the n-th occurrence of needle in text.
std::pair<int, int> Where(const std::string& text, const std::string& needle, int nth = 1) {
    size_t at = std::string::npos;
    for (int i = 0; i < nth; i++)
        at = text.find(needle, at == std::string::npos ? 0 : at + 1);
    REQUIRE(at != std::string::npos);
    int line = 1, col = 1;
    for (size_t i = 0; i < at; i++) {
        if (text[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    return {line, col};
}

json& Zone(json& pack, const std::string& id) {
    for (json& z : pack["praatplaat"]["zones"])
        if (z["id"] == id)
            return z;
    FAIL("no zone " << id);
    return pack;
}

json& QuestionJson(json& pack, const std::string& zone, const std::string& id) {
    for (json& q : Zone(pack, zone)["questions"])
        if (q["id"] == id)
            return q;
    FAIL("no question " << id);
    return pack;
}

} // namespace

TEST_CASE("the test praatplaat itself is valid") {
    std::string text;
    CHECK(Problems(PraatplaatPackJson(), &text).empty());
}

TEST_CASE("a show-if that refers to a question that does not exist") {
    json pack = PraatplaatPackJson();
    QuestionJson(pack, "samen-leren", "wijkpanel-vaak")["show_if"]["question"] = "wijkpaneel";
    std::string text;
    auto problems = Problems(pack, &text);
    REQUIRE(problems.size() == 1);
    auto [line, col] = Where(text, "\"wijkpaneel\"");
    CHECK(problems[0].Line == line);
    CHECK(problems[0].Col == col);
    CHECK(problems[0].Format() == "pack.json:" + std::to_string(line) + ":" + std::to_string(col) +
                                      ": the show_if of question 'wijkpanel-vaak' refers to question 'wijkpaneel', "
                                      "which does not exist");
}

TEST_CASE("a show-if on a later question, or on a value the question cannot have") {
    json pack = PraatplaatPackJson();
    std::string text;
    SUBCASE("later") {
        QuestionJson(pack, "samen-leren", "wijkpanel-vaak")["show_if"]["question"] = "tevreden";
        auto problems = Problems(pack, &text);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].Message.find("does not come before it") != std::string::npos);
    }
    SUBCASE("a matrix, whose answers are stored per row") {
        json& q = QuestionJson(pack, "rolverdeling", "hoeveel-zeggenschap");
        q["show_if"] = {{"question", "wie-beslist"}, {"is", {"wijk"}}};
        auto problems = Problems(pack, &text);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].Message.find("refers to matrix question 'wie-beslist'") != std::string::npos);
    }
    SUBCASE("a value that is not an option") {
        QuestionJson(pack, "samen-leren", "wijkpanel-vaak")["show_if"]["is"] = {"misschien"};
        auto problems = Problems(pack, &text);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].Message.find("waits for 'misschien', which is not an option") != std::string::npos);
    }
}

TEST_CASE("a matrix without rows") {
    json pack = PraatplaatPackJson();
    QuestionJson(pack, "rolverdeling", "wie-beslist")["rows"] = json::array();
    std::string text;
    auto problems = Problems(pack, &text);
    REQUIRE(problems.size() == 1);
    auto [line, col] = Where(text, "\"rows\": []");
    CHECK(problems[0].Line == line);
    CHECK(problems[0].Col == col + 8); // at the empty list itself
    CHECK(problems[0].Message == "a matrix without rows: question 'wie-beslist' needs at least one topic under \"rows\"");
}

TEST_CASE("a budget whose total is not positive") {
    json pack = PraatplaatPackJson();
    std::string text;
    for (int total : {0, -5}) {
        QuestionJson(pack, "samen-leren", "wijkbudget")["total"] = total;
        auto problems = Problems(pack, &text);
        REQUIRE(problems.size() == 1);
        auto [line, col] = Where(text, "\"total\": " + std::to_string(total));
        CHECK(problems[0].Line == line);
        CHECK(problems[0].Col == col + 9);
        CHECK(problems[0].Message.rfind("a budget's total must be a positive whole number", 0) == 0);
    }
    QuestionJson(pack, "samen-leren", "wijkbudget")["total"] = 10;
    QuestionJson(pack, "samen-leren", "wijkbudget")["step"] = 3;
    auto problems = Problems(pack, &text);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].Message == "the step of question 'wijkbudget' must divide its total 10");
}

TEST_CASE("a missing translation, with the line of the text") {
    json pack = PraatplaatPackJson();
    pack["languages"] = {"nl", "en"};
    // Give everything an English text but one archetype's explanation.
    std::function<void(json&)> add_en = [&](json& j) {
        if (j.is_object() && j.size() == 1 && j.contains("nl") && j["nl"].is_string()) {
            j["en"] = j["nl"];
            return;
        }
        if (j.is_structured())
            for (auto& child : j)
                add_en(child);
    };
    add_en(pack);
    pack["praatplaat"]["archetypes"][1]["explain"].erase("en");
    std::string text;
    auto problems = Problems(pack, &text);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].Message == "missing translation in 'en' for the explanation of archetype 'aanjagen'");
    auto [line, col] = Where(text, "\"explain\": {", 2); // the second archetype's
    CHECK(problems[0].Line == line);
}

TEST_CASE("a question id used twice, across zones") {
    json pack = PraatplaatPackJson();
    QuestionJson(pack, "samen-leren", "tevreden")["id"] = "stem-iedereen";
    std::string text;
    auto problems = Problems(pack, &text);
    REQUIRE(problems.size() == 1);
    auto [line, col] = Where(text, "\"id\": \"stem-iedereen\"", 2);
    CHECK(problems[0].Line == line);
    CHECK(problems[0].Col == col + 6);
    CHECK(problems[0].Message == "duplicate question id 'stem-iedereen'");
}

TEST_CASE("levels, strengths, archetypes and zone kinds are checked too") {
    json pack = PraatplaatPackJson();
    std::string text;
    SUBCASE("a level out of range") {
        pack["scales"]["who_decides"][2]["level"] = 4;
        auto problems = Problems(pack, &text);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].Message.find("must be a whole number from 1 to 3") != std::string::npos);
    }
    SUBCASE("two archetypes") {
        pack["praatplaat"]["archetypes"].erase(2);
        auto problems = Problems(pack, &text);
        REQUIRE_FALSE(problems.empty());
        CHECK(problems[0].Message.find("exactly 3 archetypes") != std::string::npos);
    }
    SUBCASE("an unknown zone kind") {
        Zone(pack, "ieders-stem")["kind"] = "hoek";
        auto problems = Problems(pack, &text);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].Message == "the kind of zone 'ieders-stem' must be \"kompas\" or \"bouwsteen\"");
    }
    SUBCASE("a field that belongs to another type") {
        QuestionJson(pack, "ieders-stem", "stem-iedereen")["total"] = 10;
        auto problems = Problems(pack, &text);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].Message == "field 'total' does not belong to a question of type 'yes_no'");
    }
    SUBCASE("a praatplaat needs its interface texts") {
        pack["ui"].erase("poster.title");
        auto problems = Problems(pack, &text);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].Message == "missing interface text 'poster.title' (needed by the praatplaat)");
    }
}

TEST_CASE("closing_poll must name a quick poll") {
    json pack = PraatplaatPackJson();
    pack["closing_poll"] = "ieders-stem"; // a zone, not a poll
    std::string text;
    auto problems = Problems(pack, &text);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].Message == "closing_poll 'ieders-stem' is not a poll of this pack");
    pack["closing_poll"] = "peiling";
    CHECK(Problems(pack, &text).empty());
}

TEST_CASE("a free-text question: no options, a sane max_length, and the keyboard's words") {
    json pack = PraatplaatPackJson();
    std::string text;
    json& remark = Zone(pack, "samen-leren")["questions"].back();
    REQUIRE(remark["id"] == "opmerking");

    SUBCASE("options on a text question") {
        remark["options"] = {Opt("a"), Opt("b")};
        std::vector<Problem> p = Problems(pack, &text);
        REQUIRE(p.size() == 1);
        CHECK(p[0].Message.find("free-text question") != std::string::npos);
        // The last "options" of the dumped text is the remark's (the zones come last).
        const size_t at = text.rfind("\"options\"");
        CHECK(p[0].Line == 1 + int(std::count(text.begin(), text.begin() + long(at), '\n')));
    }
    SUBCASE("max_length out of range") {
        remark["max_length"] = 0;
        std::vector<Problem> p = Problems(pack, &text);
        REQUIRE(p.size() == 1);
        CHECK(p[0].Message.find("max_length") != std::string::npos);
        CHECK(p[0].Line == Where(text, "\"max_length\": 0").first);
    }
    SUBCASE("max_length on another type") {
        Zone(pack, "samen-leren")["questions"][0]["max_length"] = 10;
        std::vector<Problem> p = Problems(pack, &text);
        REQUIRE(p.size() == 1);
        CHECK(p[0].Message.find("does not belong") != std::string::npos);
    }
    SUBCASE("a keyboard word missing") {
        pack["ui"].erase("keyboard.done");
        std::vector<Problem> p = Problems(pack, &text);
        REQUIRE(p.size() == 1);
        CHECK(p[0].Message.find("keyboard.done") != std::string::npos);
    }
    SUBCASE("the default cap is 500 characters") {
        remark.erase("max_length");
        LoadResult r = LoadPackText(pack.dump(2), "pack.json");
        REQUIRE(r.Ok());
        CHECK(r.Pack.FindQuestion("opmerking")->Max == 500);
    }
}
