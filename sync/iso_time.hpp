// Times as the journal, the store and their files write them: ISO 8601, always UTC. One
// place, so every stamp in every database and file has the same form.
#pragma once
#include <cstdint>
#include <string>

namespace wsync {

// Milliseconds since 1970 (UTC), from the wall clock.
int64_t NowMs();
// "2026-11-28T12:00:00.123Z": the journal's times (to the millisecond).
std::string IsoTimeMs(int64_t unix_ms);
// "2026-11-28T12:00:00Z": the store's times (to the second).
std::string IsoTimeSeconds(int64_t unix_seconds);
std::string IsoNowSeconds();
// "2026-11-28": the UTC day of a time.
std::string IsoDate(int64_t unix_seconds);
std::string IsoToday();
// "2026-11-28": today in the machine's local time (a facilitator's day, not a stamp).
std::string IsoLocalToday();

} // namespace wsync
