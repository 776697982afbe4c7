#include "store/rate_limiter.hpp"

#include <algorithm>

namespace store {

RateLimiter::RateLimiter(double rate, double burst, std::chrono::seconds idle_drop, size_t max_keys,
                         std::chrono::seconds prune_every)
    : Rate(rate), Burst(std::max(burst, 1.0)), IdleDrop(idle_drop), PruneEvery(prune_every),
      MaxKeys(std::max<size_t>(max_keys, 1)) {}

void RateLimiter::Prune(Clock::time_point now, Clock::duration idle) {
    for (auto it = Buckets.begin(); it != Buckets.end();)
        it = now - it->second.At >= idle ? Buckets.erase(it) : std::next(it);
    LastPrune = now;
}

bool RateLimiter::Allow(const std::string& key, Clock::time_point now) {
    if (Rate <= 0)
        return true;
    std::lock_guard<std::mutex> lock(Mu);
    if (now - LastPrune >= PruneEvery)
        Prune(now, IdleDrop);
    auto it = Buckets.find(key);
    if (it == Buckets.end()) {
        if (Buckets.size() >= MaxKeys) {
            // A bucket idle for Burst/Rate seconds is full again: forgetting it changes nothing.
            Prune(now, std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(Burst / Rate)));
            if (Buckets.size() >= MaxKeys)
                return false;
        }
        it = Buckets.emplace(key, Bucket{Burst, now}).first;
    }
    Bucket& b = it->second;
    if (now > b.At) { // threads may bring their clock readings out of order
        b.Tokens = std::min(Burst, b.Tokens + Rate * std::chrono::duration<double>(now - b.At).count());
        b.At = now;
    }
    if (b.Tokens < 1.0)
        return false;
    b.Tokens -= 1.0;
    return true;
}

size_t RateLimiter::Size() {
    std::lock_guard<std::mutex> lock(Mu);
    return Buckets.size();
}

} // namespace store
