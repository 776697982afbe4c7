// The wijkkompas CSV: what is read, and every mistake named with its file and line.
#include "report/report.hpp"
#include "test_packs.hpp"

#include <doctest/doctest.h>

using namespace report;

TEST_CASE("population: the sample shipped in tests/ reads, with the pack's groups") {
    const std::string text = "# made up\nvraag,antwoord,inwoners\nleeftijd,65-80,610\n\nwoonduur, 15-plus ,1750\r\n";
    std::vector<PopulationRow> rows;
    std::string error;
    REQUIRE_MESSAGE(ParsePopulation(text, "w.csv", &BundledPack(), &rows, &error), error);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].QuestionId == "leeftijd");
    CHECK(rows[0].OptionId == "65-80");
    CHECK(rows[0].Residents == 610);
    CHECK(rows[0].Line == 3);
    CHECK(rows[1].OptionId == "15-plus");
    CHECK(rows[1].Line == 5);
}

TEST_CASE("population: a mistake is reported at its line and nothing is read") {
    auto problem = [](const std::string& text) {
        std::vector<PopulationRow> rows{{"x", "y", 1, 1}};
        std::string error;
        CHECK_FALSE(ParsePopulation(text, "w.csv", &BundledPack(), &rows, &error));
        CHECK(rows.size() == 1); // untouched
        return error;
    };
    CHECK(problem("") == "w.csv:1: the file is empty (it needs the header vraag,antwoord,inwoners and a line per group)");
    CHECK(problem("a,b,c\n").find("w.csv:1: the first line must be the header vraag,antwoord,inwoners") == 0);
    CHECK(problem("vraag,antwoord,inwoners\nleeftijd,65-80\n") ==
          "w.csv:2: a line needs three fields (vraag,antwoord,inwoners), this one has 2");
    CHECK(problem("vraag,antwoord,inwoners\nleeftijd,65-80,-3\n") ==
          "w.csv:2: '-3' is not a number of residents (a whole number, 0 or more)");
    CHECK(problem("vraag,antwoord,inwoners\n# c\nleeftijd,65-80,1.5\n").find("w.csv:3: '1.5'") == 0);
    CHECK(problem("vraag,antwoord,inwoners\ninkomen,hoog,10\n").find("w.csv:2: 'inkomen' is not a question of the pack") == 0);
    CHECK(problem("vraag,antwoord,inwoners\nleeftijd,65-90,10\n").find(
              "w.csv:2: '65-90' is not an answer of question 'leeftijd' (it has: tot-18, 18-30") == 0);
    CHECK(problem("vraag,antwoord,inwoners\nleeftijd,65-80,1\nleeftijd,65-80,2\n") ==
          "w.csv:3: the group leeftijd,65-80 comes twice");
}

TEST_CASE("population: without a pack, any group is taken as written") {
    std::vector<PopulationRow> rows;
    std::string error;
    REQUIRE(ParsePopulation("vraag,antwoord,inwoners\nleeftijd,jong,5\n", "w.csv", nullptr, &rows, &error));
    CHECK(rows.size() == 1);
}
