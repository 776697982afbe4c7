// Anti-stuffing's pure rule: which visit counts as a repeat of the one before (the gap
// between visits and the flag at commit time are tested in the flow: test_flow_admin.cpp).
#include "kiosk/repeat_guard.hpp"

#include <doctest/doctest.h>

using namespace kiosk;
using content::GivenAnswer;

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
