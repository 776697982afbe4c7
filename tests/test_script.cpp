#include "kiosk/script.hpp"

#include <doctest/doctest.h>

using namespace kiosk;

TEST_CASE("a script: commands, arguments, comments and blank lines") {
    std::vector<ScriptLine> lines;
    std::string error;
    REQUIRE(ParseScript("# a visit\n"
                        "tap start\n"
                        "\n"
                        "  expect-text   Praat mee over uw wijk  \n"
                        "wait 60.5\r\n"
                        "targets\n"
                        "expect-screen still-there\n"
                        "screenshot /tmp/x.png",
                        &lines, &error));
    REQUIRE(lines.size() == 6);
    CHECK(lines[0].Number == 2);
    CHECK(lines[0].Command == ScriptCommand::Tap);
    CHECK(lines[0].Arg == "start");
    CHECK(lines[1].Command == ScriptCommand::ExpectText);
    CHECK(lines[1].Arg == "Praat mee over uw wijk"); // inner spaces kept, outer trimmed
    CHECK(lines[2].Command == ScriptCommand::Wait);
    CHECK(lines[2].Seconds == doctest::Approx(60.5));
    CHECK(lines[3].Command == ScriptCommand::Targets);
    CHECK(lines[4].Arg == "still-there");
    CHECK(lines[5].Number == 8);
    CHECK(lines[5].Command == ScriptCommand::Screenshot);
}

TEST_CASE("a bad script line is refused with its line number") {
    std::vector<ScriptLine> lines;
    std::string error;
    SUBCASE("unknown command") {
        CHECK_FALSE(ParseScript("tap start\nclick start\n", &lines, &error));
        CHECK(error.rfind("line 2: unknown command 'click'", 0) == 0);
    }
    SUBCASE("missing argument") {
        CHECK_FALSE(ParseScript("\n\ntap\n", &lines, &error));
        CHECK(error == "line 3: 'tap' needs an argument");
    }
    SUBCASE("a wait that is not a number") {
        CHECK_FALSE(ParseScript("wait soon\n", &lines, &error));
        CHECK(error == "line 1: 'wait' needs a number of seconds, not 'soon'");
        CHECK_FALSE(ParseScript("wait -3\n", &lines, &error));
        CHECK_FALSE(ParseScript("wait 5s\n", &lines, &error));
        CHECK_FALSE(ParseScript("sleep later\n", &lines, &error));
        CHECK(error == "line 1: 'sleep' needs a number of seconds, not 'later'");
    }
    SUBCASE("an argument where none belongs") {
        CHECK_FALSE(ParseScript("targets all\n", &lines, &error));
        CHECK(error == "line 1: 'targets' takes no argument");
    }
}

TEST_CASE("hold TARGET SECONDS: a long press") {
    std::vector<ScriptLine> lines;
    std::string error;
    REQUIRE(ParseScript("hold admin-corner 3\nhold Nu synchroniseren 0.5\n", &lines, &error));
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].Command == ScriptCommand::Hold);
    CHECK(lines[0].Arg == "admin-corner");
    CHECK(lines[0].Seconds == doctest::Approx(3.0));
    CHECK(lines[1].Arg == "Nu synchroniseren"); // a label with spaces: the last word is the time
    CHECK(lines[1].Seconds == doctest::Approx(0.5));
    for (const char* bad : {"hold admin-corner\n", "hold 3\n", "hold admin-corner soon\n", "hold admin-corner -1\n"}) {
        CAPTURE(bad);
        CHECK_FALSE(ParseScript(bad, &lines, &error));
        CHECK(error.rfind("line 1: ", 0) == 0);
    }
}
