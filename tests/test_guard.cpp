// The pure rules that protect the kiosk: the PIN delays, what a PIN may be, when the
// window may close or must be taken back, and which visit counts as a repeat.
#include "kiosk/guard.hpp"

#include <doctest/doctest.h>

using namespace kiosk;
using content::GivenAnswer;

TEST_CASE("wrong PINs: none for the first two, then 5 s doubling, capped at 5 minutes") {
    CHECK(PinDelay(0) == 0.0);
    CHECK(PinDelay(1) == 0.0);
    CHECK(PinDelay(2) == 0.0);
    CHECK(PinDelay(3) == 5.0);
    CHECK(PinDelay(4) == 10.0);
    CHECK(PinDelay(5) == 20.0);
    CHECK(PinDelay(6) == 40.0);
    CHECK(PinDelay(7) == 80.0);
    CHECK(PinDelay(8) == 160.0);
    CHECK(PinDelay(9) == 300.0);
    CHECK(PinDelay(10) == 300.0);
    CHECK(PinDelay(1000000) == 300.0); // no overflow however long someone tries
    CHECK(PinDelay(-1) == 0.0);
    for (int n = 1; n < 50; n++) // it never shrinks while wrong PINs go on
        CHECK(PinDelay(n + 1) >= PinDelay(n));
}

TEST_CASE("a new PIN: 4 to 8 digits and nothing else") {
    std::string why;
    CHECK(ValidNewPin("1234", &why));
    CHECK(ValidNewPin("12345678", &why));
    CHECK(ValidNewPin("0000", &why));
    CHECK_FALSE(ValidNewPin("", &why));
    CHECK(why.find("4 to 8 digits") != std::string::npos);
    CHECK_FALSE(ValidNewPin("123", &why));
    CHECK(why.find("this one has 3") != std::string::npos);
    CHECK_FALSE(ValidNewPin("123456789", &why));
    CHECK_FALSE(ValidNewPin("12a4", &why));
    CHECK(why.find("only digits") != std::string::npos);
    CHECK_FALSE(ValidNewPin("12 34", &why));
    CHECK_FALSE(ValidNewPin("١٢٣٤", &why)); // Arabic-Indic digits: not on the keypad
}

TEST_CASE("the window: closed in full screen only by Kiosk afsluiten; taken back when lost") {
    CHECK_FALSE(CloseAllowed(true, false)); // Alt+F4 on the kiosk
    CHECK(CloseAllowed(true, true));        // after "Kiosk afsluiten"
    CHECK(CloseAllowed(false, false));      // --windowed: development
    CHECK(CloseAllowed(false, true));

    CHECK_FALSE(MustRetakeWindow(true, true, false));
    CHECK(MustRetakeWindow(true, false, false)); // another program took focus
    CHECK(MustRetakeWindow(true, true, true));   // iconified
    CHECK(MustRetakeWindow(true, false, true));
    CHECK_FALSE(MustRetakeWindow(false, false, false)); // a development window may lose focus
    CHECK_FALSE(MustRetakeWindow(false, true, true));
}

TEST_CASE("a repeat: the same questions with the same values, in order, as the visit before") {
    const std::vector<GivenAnswer> previous = {{"a", "1"}, {"b", "ja"}, {"c", "groen"}};

    SUBCASE("each answer of an exact repeat is flagged as it is committed") {
        CHECK(RepeatsPreviousVisit(previous, {}, {{"a", "1"}}));
        CHECK(RepeatsPreviousVisit(previous, {{"a", "1"}}, {{"b", "ja"}}));
        CHECK(RepeatsPreviousVisit(previous, {{"a", "1"}, {"b", "ja"}}, {{"c", "groen"}}));
    }
    SUBCASE("once an answer differs, the rest of the visit is not flagged") {
        CHECK_FALSE(RepeatsPreviousVisit(previous, {}, {{"a", "2"}}));
        CHECK_FALSE(RepeatsPreviousVisit(previous, {{"a", "2"}}, {{"b", "ja"}}));
        CHECK_FALSE(RepeatsPreviousVisit(previous, {{"a", "1"}, {"b", "nee"}}, {{"c", "groen"}}));
    }
    SUBCASE("a skipped question is a different sequence") {
        CHECK_FALSE(RepeatsPreviousVisit(previous, {{"a", "1"}}, {{"c", "groen"}}));
    }
    SUBCASE("more answers than the visit before: the extra one is new") {
        CHECK_FALSE(RepeatsPreviousVisit(previous, previous, {{"d", "x"}}));
    }
    SUBCASE("several answers at once (the rows of a matrix) are flagged together") {
        CHECK(RepeatsPreviousVisit(previous, {{"a", "1"}}, {{"b", "ja"}, {"c", "groen"}}));
        CHECK_FALSE(RepeatsPreviousVisit(previous, {{"a", "1"}}, {{"b", "ja"}, {"c", "spelen"}}));
    }
    SUBCASE("no visit before (or too long ago: the flow passes none): nothing is flagged") {
        CHECK_FALSE(RepeatsPreviousVisit({}, {}, {{"a", "1"}}));
        CHECK_FALSE(RepeatsPreviousVisit(previous, {}, {}));
    }
}
