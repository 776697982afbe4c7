// kiosk/watchdog: when the frame loop feeds systemd's watchdog, and the test-only hang.
#include "kiosk/watchdog.hpp"

#include <doctest/doctest.h>

#include <cmath>

using kiosk::Watchdog;

TEST_CASE("watchdog: fed at half the period systemd asks for") {
    CHECK(kiosk::FeedInterval(0) == 0.0);
    CHECK(kiosk::FeedInterval(30'000'000) == doctest::Approx(15.0));
    CHECK(kiosk::FeedInterval(200'000) == doctest::Approx(0.5)); // never busier than twice a second

    Watchdog w;
    w.Interval = 15.0;
    w.StartedAt = 100.0;
    CHECK(kiosk::ShouldFeed(&w, 100.0)); // at once, the first time
    CHECK(kiosk::NextFeed(w) == doctest::Approx(115.0));
    CHECK(!kiosk::ShouldFeed(&w, 110.0));
    CHECK(kiosk::ShouldFeed(&w, 115.0));
    CHECK(!kiosk::ShouldFeed(&w, 129.9));
    CHECK(kiosk::ShouldFeed(&w, 200.0)); // a late loop feeds on its next turn
    CHECK(kiosk::NextFeed(w) == doctest::Approx(215.0));
}

TEST_CASE("watchdog: none without systemd, and the test-only hang stops the feeding for good") {
    Watchdog none;
    CHECK(!kiosk::ShouldFeed(&none, 1000.0));
    CHECK(std::isinf(kiosk::NextFeed(none)));

    Watchdog w;
    w.Interval = 1.0;
    w.StartedAt = 0.0;
    w.HangAfter = 3.0;
    CHECK(kiosk::ShouldFeed(&w, 0.0));
    CHECK(kiosk::ShouldFeed(&w, 1.0));
    CHECK(kiosk::ShouldFeed(&w, 2.0));
    CHECK(!kiosk::ShouldFeed(&w, 3.0));
    CHECK(w.Hung);
    CHECK(!kiosk::ShouldFeed(&w, 10.0));
    CHECK(std::isinf(kiosk::NextFeed(w))); // and the loop no longer wakes for it
}
