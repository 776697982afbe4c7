// The systemd watchdog of the kiosk session (docs/install.md): the frame loop says "still
// alive" every WatchdogSec/2 while it idles, so systemd restarts a kiosk that hangs.
#pragma once

#include <cstdint>

namespace kiosk {

struct Watchdog {
    double Interval = 0.0;  // seconds between feeds (half of WATCHDOG_USEC); 0: no watchdog
    double LastFed = -1e18; // steady-clock seconds
    double HangAfter = 0.0; // test-only (--test-hang-after): stop feeding this long after start; 0: never
    double StartedAt = 0.0;
    bool Hung = false;      // the test-only hang has begun
};

// Half the watchdog period systemd asked for (WATCHDOG_USEC), in seconds, at least 0.5 s.
// 0 when there is no watchdog.
double FeedInterval(uint64_t watchdog_usec);

// Pure: should the loop feed the watchdog at NOW? Updates w (LastFed, Hung).
bool ShouldFeed(Watchdog* w, double now);

// Pure: the steady-clock time by which the loop must wake to feed it (+infinity: never).
double NextFeed(const Watchdog& w);

// Reads the service manager's watchdog (sd_watchdog_enabled); hang_after is the test-only option.
Watchdog StartWatchdog(double hang_after);

// Feeds it when due (sd_notify "WATCHDOG=1"). Cheap: call it every loop turn.
void FeedWatchdog(Watchdog* w);

// Seconds until the loop must wake for the watchdog, from now (a large number when none).
double SecondsToNextFeed(const Watchdog& w);

// "READY=1" once the first frame is on screen (Type=notify). Harmless without systemd.
void NotifyReady();

} // namespace kiosk
