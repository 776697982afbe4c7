// The systemd watchdog (kiosk/watchdog.hpp).
#include "kiosk/watchdog.hpp"

#include "kiosk/log.hpp"

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <chrono>
#include <limits>

namespace kiosk {
namespace {

double SteadyNow() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

} // namespace

double FeedInterval(uint64_t watchdog_usec) {
    if (watchdog_usec == 0)
        return 0.0;
    return std::max(0.5, double(watchdog_usec) / 1e6 / 2.0);
}

bool ShouldFeed(Watchdog* w, double now) {
    if (w->Interval <= 0.0 || w->Hung)
        return false;
    if (w->HangAfter > 0.0 && now - w->StartedAt >= w->HangAfter) {
        w->Hung = true; // test-only: from now on the kiosk looks hung to systemd
        return false;
    }
    if (now - w->LastFed < w->Interval)
        return false;
    w->LastFed = now;
    return true;
}

double NextFeed(const Watchdog& w) {
    if (w.Interval <= 0.0 || w.Hung)
        return std::numeric_limits<double>::infinity();
    return w.LastFed + w.Interval;
}

Watchdog StartWatchdog(double hang_after) {
    Watchdog w;
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0)
        w.Interval = FeedInterval(usec);
    w.HangAfter = hang_after;
    w.StartedAt = SteadyNow();
    if (w.Interval > 0.0)
        Log("systemd watchdog: fed every " + std::to_string(w.Interval) + " s" +
            (hang_after > 0 ? " (test-only: stops after " + std::to_string(hang_after) + " s)" : ""));
    return w;
}

void FeedWatchdog(Watchdog* w) {
    const bool was_hung = w->Hung;
    if (ShouldFeed(w, SteadyNow()))
        sd_notify(0, "WATCHDOG=1");
    else if (w->Hung && !was_hung)
        Log("test-only --test-hang-after: the systemd watchdog is no longer fed");
}

double SecondsToNextFeed(const Watchdog& w) {
    return std::clamp(NextFeed(w) - SteadyNow(), 0.0, 3600.0);
}

void NotifyReady() { sd_notify(0, "READY=1\nSTATUS=the attract screen is shown"); }

} // namespace kiosk
