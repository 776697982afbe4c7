#include "sync/iso_time.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace wsync {

namespace {

struct tm Utc(int64_t unix_seconds) {
    const time_t t = time_t(unix_seconds);
    struct tm tm {};
    gmtime_r(&t, &tm);
    return tm;
}

// Whole seconds below ms, also for times before 1970 (-1 ms is 23:59:59.999 of 1969-12-31).
int64_t FloorSeconds(int64_t ms) { return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000); }

} // namespace

// Every "now" here comes from this one clock. time() reads glibc's coarse clock, which can
// lag system_clock by a tick: mixing the two put a stamp a second ahead of time() (CI, stop 12).
int64_t NowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

static int64_t NowSeconds() { return FloorSeconds(NowMs()); }

std::string IsoTimeMs(int64_t unix_ms) {
    const int64_t secs = FloorSeconds(unix_ms);
    const struct tm tm = Utc(secs);
    char buf[64];
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, int(unix_ms - secs * 1000));
    return buf;
}

std::string IsoTimeSeconds(int64_t unix_seconds) {
    const struct tm tm = Utc(unix_seconds);
    char buf[64];
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

std::string IsoNowSeconds() { return IsoTimeSeconds(NowSeconds()); }

std::string IsoDate(int64_t unix_seconds) { return IsoTimeSeconds(unix_seconds).substr(0, 10); }

std::string IsoToday() { return IsoDate(NowSeconds()); }

std::string IsoLocalToday() {
    const time_t t = time_t(NowSeconds());
    struct tm tm;
    localtime_r(&t, &tm);
    char buf[16];
    strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

} // namespace wsync
