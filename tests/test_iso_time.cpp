// The one way times are written (sync/iso_time): ISO 8601 in UTC, to the millisecond for
// the journal and to the second for the store.
#include "sync/iso_time.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace wsync;

TEST_CASE("iso time: fixed moments, in UTC whatever the machine's zone") {
    // 2026-11-28 12:00:00 UTC
    const int64_t s = 1795867200;
    CHECK(IsoTimeSeconds(s) == "2026-11-28T12:00:00Z");
    CHECK(IsoTimeMs(s * 1000 + 123) == "2026-11-28T12:00:00.123Z");
    CHECK(IsoTimeMs(s * 1000) == "2026-11-28T12:00:00.000Z");
    CHECK(IsoDate(s) == "2026-11-28");
    CHECK(IsoTimeMs(0) == "1970-01-01T00:00:00.000Z");
    CHECK(IsoTimeMs(-1) == "1969-12-31T23:59:59.999Z"); // never a negative millisecond field
    CHECK(IsoTimeSeconds(951782400) == "2000-02-29T00:00:00Z");
}

TEST_CASE("iso time: now is now") {
    // The wall clock as std::chrono reads it, not time(): that one may lag by a tick.
    using namespace std::chrono;
    auto wall = [] { return int64_t(duration_cast<seconds>(system_clock::now().time_since_epoch()).count()); };
    const int64_t before = wall();
    const std::string now = IsoNowSeconds();
    const int64_t ms = NowMs();
    const int64_t after = wall();
    CHECK((now == IsoTimeSeconds(before) || now == IsoTimeSeconds(after)));
    CHECK(ms / 1000 >= before);
    CHECK(ms / 1000 <= after);
    CHECK(IsoToday() == now.substr(0, 10));
    CHECK(now.size() == 20);
}
