// kiosk/opening_hours: the parser, its FILE:LINE:COL messages, open or closed, when it changes.
#include "kiosk/opening_hours.hpp"

#include <doctest/doctest.h>

using kiosk::OpeningHours;

namespace {

OpeningHours Parse(const std::string& text) {
    OpeningHours h;
    std::vector<std::string> problems;
    REQUIRE_MESSAGE(kiosk::ParseOpeningHours(text, "opening-hours", &h, &problems),
                    (problems.empty() ? "" : problems[0]));
    return h;
}

std::vector<std::string> Problems(const std::string& text) {
    OpeningHours h;
    h.Periods.push_back({3, 1, 2}); // untouched on failure
    std::vector<std::string> problems;
    CHECK(!kiosk::ParseOpeningHours(text, "opening-hours", &h, &problems));
    CHECK(h.Always);
    CHECK(h.Periods.size() == 1);
    return problems;
}

constexpr int H(int h, int m = 0) { return h * 60 + m; }

} // namespace

TEST_CASE("opening hours: a buurthuis week") {
    OpeningHours h = Parse("# buurthuis De Linde\n"
                           "ma-vr 09:00-17:00\n"
                           "wo 19:00-22:00   # the evening\n"
                           "za 10:00-12:00 13:00-14:00\n"
                           "zo gesloten\n");
    CHECK(!h.Always);
    CHECK(kiosk::IsOpen(h, 0, H(9)));
    CHECK(kiosk::IsOpen(h, 4, H(16, 59)));
    CHECK(!kiosk::IsOpen(h, 4, H(17)));
    CHECK(!kiosk::IsOpen(h, 0, H(8, 59)));
    CHECK(kiosk::IsOpen(h, 2, H(20)));
    CHECK(!kiosk::IsOpen(h, 1, H(20)));
    CHECK(kiosk::IsOpen(h, 5, H(11)));
    CHECK(!kiosk::IsOpen(h, 5, H(12, 30)));
    CHECK(!kiosk::IsOpen(h, 6, H(12)));
    CHECK(kiosk::DescribeOpeningHours(h).rfind("ma 09:00-17:00; di 09:00-17:00; wo 09:00-17:00; wo 19:00-22:00", 0) == 0);

    CHECK(kiosk::MinutesToNextChange(h, 0, H(8)) == 60);
    CHECK(kiosk::MinutesToNextChange(h, 0, H(9)) == 8 * 60);
    CHECK(kiosk::MinutesToNextChange(h, 4, H(17)) == 7 * 60 + 10 * 60); // Friday 17:00 -> Saturday 10:00
    CHECK(kiosk::MinutesToNextChange(h, 6, H(23, 59)) == 9 * 60 + 1);    // Sunday night -> Monday 09:00
}

TEST_CASE("opening hours: English days, lists, 24:00, and always open without a file") {
    OpeningHours h = Parse("mo,we,fr 00:00-24:00\r\n");
    CHECK(kiosk::IsOpen(h, 0, 0));
    CHECK(kiosk::IsOpen(h, 0, H(23, 59)));
    CHECK(!kiosk::IsOpen(h, 1, H(12)));
    CHECK(kiosk::IsOpen(OpeningHours{}, 6, H(3)));
    CHECK(kiosk::DescribeOpeningHours(OpeningHours{}) == "always open");
    CHECK(kiosk::MinutesToNextChange(OpeningHours{}, 0, 0) == 7 * 1440);
    std::vector<std::string> problems;
    OpeningHours missing;
    missing.Always = false;
    CHECK(kiosk::ReadOpeningHours("/nonexistent/wijkstem/opening-hours", &missing, &problems));
    CHECK(missing.Always);
}

TEST_CASE("opening hours: every problem with its place, and nothing changes") {
    auto p = Problems("ma-vr 09:00-17:00\nzz 09:00-12:00\n");
    REQUIRE(p.size() == 1);
    CHECK(p[0].rfind("opening-hours:2:1: 'zz' is not a day", 0) == 0);

    p = Problems("za   10:00-14:00 10-14\n");
    REQUIRE(p.size() == 1);
    CHECK(p[0].rfind("opening-hours:1:18: '10-14' is not a period like 09:00-17:00", 0) == 0);

    p = Problems("ma 17:00-09:00\nvr-ma 09:00-10:00\ndi\nwo 24:30-25:00\n");
    REQUIRE(p.size() == 4);
    CHECK(p[0] == "opening-hours:1:4: the period 17:00-09:00 ends before it starts (split a night in two days)");
    CHECK(p[1].rfind("opening-hours:2:1: the day range 'vr-ma' runs backwards", 0) == 0);
    CHECK(p[2].rfind("opening-hours:3:3: the times are missing", 0) == 0);
    CHECK(p[3].rfind("opening-hours:4:4: '24:30-25:00'", 0) == 0);

    p = Problems("# nothing but a comment\n\n");
    REQUIRE(p.size() == 1);
    CHECK(p[0].rfind("opening-hours:3:1: no opening hours in the file", 0) == 0);
}

TEST_CASE("opening hours: dark when closed, idle and on the attract screen; a touch wakes it") {
    CHECK(!kiosk::ScreenDark(true, true, 1000.0, 0.0));   // open: never dark
    CHECK(kiosk::ScreenDark(false, true, 1000.0, 0.0));   // closed, nobody there
    CHECK(!kiosk::ScreenDark(false, true, 1000.0, 990.0)); // touched 10 s ago: awake
    CHECK(!kiosk::ScreenDark(false, false, 1000.0, 0.0)); // a visit goes on to its end
    CHECK(kiosk::ScreenDark(false, true, 1000.0, 1000.0 - kiosk::kWakeSeconds));
}
