// Parts 6 and 7 of bench_sync (issue 18): costs as the store grows. For each size a store
// is filled in-process through Store::StoreBatch (a bench-only shortcut: the real store
// code and transaction per batch of 1000, without HTTP and JSON, so a million answers take
// seconds instead of a million requests); then the content reply's latency over HTTP,
// `export --csv`'s peak RSS and `report --wijk`'s time, and at the largest size N kiosks
// syncing at once.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace bench {

struct ScaleConfig {
    std::string StoreBin, Tmp;
    std::vector<int64_t> Sizes = {10000, 1000000}; // answers in the store
    int Devices = 500, Wijken = 50;                // as FACTS.md's 0.29 s measurement
    int Replies = 200;                             // GET /v1/content per size
    int Kiosks = 1000, PerKiosk = 100, KioskBatch = 50; // part 7, against the largest store
};

// Adds its rows to the table; false when a figure could not be measured (said why).
bool BenchScale(const ScaleConfig& cfg);

} // namespace bench
