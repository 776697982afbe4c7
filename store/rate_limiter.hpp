// Token buckets by key (an address, a device): a client that loops cannot flood the store.
// The table forgets keys that have been idle for a while, so a stream of new addresses
// cannot grow it without bound.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace store {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    // rate per second, burst the bucket's size; rate <= 0 allows everything. A key idle for
    // idle_drop is forgotten (at most once per prune_every, on a call to Allow); a table that
    // reaches max_keys forgets every key whose bucket has refilled, and refuses new keys
    // while it is still full (the keys it knows keep their share).
    RateLimiter(double rate, double burst, std::chrono::seconds idle_drop = std::chrono::seconds(180),
                size_t max_keys = 100000, std::chrono::seconds prune_every = std::chrono::seconds(30));

    // true: take one token. false: the key is over its rate (429).
    bool Allow(const std::string& key, Clock::time_point now = Clock::now());
    size_t Size();

private:
    struct Bucket {
        double Tokens;
        Clock::time_point At;
    };
    void Prune(Clock::time_point now, Clock::duration idle);

    double Rate, Burst;
    Clock::duration IdleDrop, PruneEvery;
    size_t MaxKeys;
    std::mutex Mu; // the I/O thread and the workers both ask
    std::unordered_map<std::string, Bucket> Buckets;
    Clock::time_point LastPrune{};
};

} // namespace store
