// The population figures for the reach table (report/population): the CSV a gebiedsteam
// writes or saves from a spreadsheet, and every way it can be wrong, each with FILE:LINE.
#include "store/report/population.hpp"
#include "test_packs.hpp"

#include <fstream>
#include <sstream>

using namespace report;

namespace {

std::vector<std::string> Parse(const std::string& text, Population* p) { return ParsePopulation(text, "f.csv", p); }

bool Has(const std::vector<std::string>& problems, const std::string& part) {
    for (const std::string& p : problems)
        if (p.find(part) != std::string::npos)
            return true;
    return false;
}

std::string Lines(const std::vector<std::string>& problems) {
    std::string out;
    for (const std::string& p : problems)
        out += p + "\n";
    return out;
}

} // namespace

TEST_CASE("population: the sample shipped in tests/ reads and fits the bundled pack") {
    std::ifstream f(WIJKSTEM_SOURCE_DIR "/tests/data/wijkkompas-sample.csv");
    std::stringstream text;
    text << f.rdbuf();
    Population p;
    std::vector<std::string> problems = ParsePopulation(text.str(), "wijkkompas-sample.csv", &p);
    REQUIRE_MESSAGE(problems.empty(), Lines(problems));
    CHECK(p.Rows.size() == 10);
    CHECK(p.Kenmerken() == std::vector<std::string>{"leeftijd", "woonduur"});
    CHECK(p.Rows[0].Kenmerk == "leeftijd");
    CHECK(p.Rows[0].Groep == "tot-18");
    CHECK(p.Rows[0].Count == 1600);
    CHECK(p.Rows[0].Line == 6); // after the comments and the header
    problems = CheckPopulation(p, BundledPack());
    CHECK_MESSAGE(problems.empty(), Lines(problems));
}

TEST_CASE("population: a Dutch spreadsheet's CSV (BOM, semicolons, quotes, CRLF, capitals) reads too") {
    Population p;
    std::vector<std::string> problems =
        Parse("\xEF\xBB\xBF" "Kenmerk;Groep;Aantal\r\n\r\n# a comment\r\n\"leeftijd\";\"18-30\";12\r\nleeftijd ; 30-45 ; 7\r\n", &p);
    REQUIRE_MESSAGE(problems.empty(), Lines(problems));
    REQUIRE(p.Rows.size() == 2);
    CHECK(p.Rows[0].Groep == "18-30");
    CHECK(p.Rows[0].Count == 12);
    CHECK(p.Rows[1].Groep == "30-45");
    CHECK(p.Rows[1].Line == 5);
}

TEST_CASE("population: every problem says FILE:LINE and what to do, and no figures are kept") {
    Population p;
    SUBCASE("no header") {
        auto problems = Parse("leeftijd,18-30,12\n", &p);
        CHECK(Has(problems, "f.csv:1: the first line must be the header 'kenmerk,groep,aantal'"));
    }
    SUBCASE("an empty file") {
        CHECK(Has(Parse("", &p), "f.csv:1: no header"));
        CHECK(Has(Parse("# only a comment\n", &p), "no header"));
    }
    SUBCASE("a header and nothing under it") { CHECK(Has(Parse("kenmerk,groep,aantal\n", &p), "no figures under it")); }
    SUBCASE("a field too few or too many") {
        auto problems = Parse("kenmerk,groep,aantal\nleeftijd,18-30,12\nleeftijd,30-45\nleeftijd,45-65,1,2\n", &p);
        CHECK(Has(problems, "f.csv:3: expected 3 fields"));
        CHECK(Has(problems, "f.csv:4: expected 3 fields"));
    }
    SUBCASE("a number that is not a whole number of residents") {
        auto problems = Parse("kenmerk,groep,aantal\nleeftijd,18-30,3.400\nleeftijd,30-45,12%\nleeftijd,45-65,-3\n"
                              "leeftijd,65-80,\n",
                              &p);
        CHECK(Has(problems, "f.csv:2: aantal must be a whole number of residents, digits only"));
        CHECK(Has(problems, "f.csv:3: aantal"));
        CHECK(Has(problems, "f.csv:4: aantal"));
        CHECK(Has(problems, "f.csv:5: aantal"));
    }
    SUBCASE("a group twice") {
        auto problems = Parse("kenmerk,groep,aantal\nleeftijd,18-30,12\nleeftijd,18-30,13\n", &p);
        CHECK(Has(problems, "f.csv:3: 'leeftijd,18-30' is there twice (also on line 2)"));
    }
    SUBCASE("groups that add up to nobody") {
        auto problems = Parse("kenmerk,groep,aantal\nleeftijd,18-30,0\nleeftijd,30-45,0\n", &p);
        CHECK(Has(problems, "f.csv:2: the groups of 'leeftijd' add up to 0 residents"));
    }
    SUBCASE("an empty kenmerk") { CHECK(Has(Parse("kenmerk,groep,aantal\n,18-30,12\n", &p), "f.csv:2: kenmerk and groep")); }
    CHECK(p.Rows.empty()); // a bad file gives nothing to report with
}

TEST_CASE("population: checked against the pack, with the answers it could have meant") {
    Population p;
    auto parsed = Parse("kenmerk,groep,aantal\nleeftijd,18-30,10\nleeftijd,18-25,5\nleeftijdd,18-30,5\n"
                        "dna-sterk,buren,5\nwie-beslist,groen,5\n",
                        &p);
    REQUIRE(parsed.empty());
    auto problems = CheckPopulation(p, BundledPack());
    CHECK(problems.size() == 4);
    CHECK(Has(problems, "f.csv:3: groep '18-25' is not an answer to 'leeftijd' (its answers: tot-18, 18-30, 30-45,"));
    CHECK(Has(problems, "f.csv:4: kenmerk 'leeftijdd' is not a question of the pack gronings-model"));
    CHECK(Has(problems, "f.csv:5: kenmerk 'dna-sterk' is a multiple question; only single-choice questions have groups"));
    CHECK(Has(problems, "f.csv:6: kenmerk 'wie-beslist' is a matrix question"));
}
