// The kiosk application: set-up, the event-driven main loop (a window with GLFW and
// OpenGL, or headless frames with no window and no GL), the effects that talk to the
// journal, and the script driver.
#pragma once
#include "kiosk/flow.hpp"

#include <string>

namespace kiosk {

struct KioskOptions {
    std::string ContentDir;        // --content; empty: the store's pack if any, else the bundled one
    std::string BundledContentDir; // the pack that ships with Wijkstem
    std::string DataDir;
    std::string Lang;
    std::string ScriptPath;
    std::string StartPoll; // overrides the pack's start_poll
    std::string ExportDir; // --export-dir: a folder offered for a campfire summary's files
    int WindowW = 0; // 0: full screen on the primary monitor
    int WindowH = 0;
    bool Headless = false; // no window, no GL, a virtual clock; needs a script
    bool Trace = false;    // print screens and committed answers on stdout (for tests)
    float Dpi = 0.0f;      // 0: from the monitor (headless: 96)
    bool Sync = true;      // sync in the background when enrolled at a store
    double SyncInterval = 300.0;
    double SyncDebounce = 10.0;
    FlowConfig Flow;
    std::string OpeningHoursPath; // --opening-hours; empty: always open (kiosk/opening_hours.hpp)
    double TestHangAfter = 0.0;   // test-only --test-hang-after: stop feeding systemd's watchdog
};

// Runs the kiosk until its window closes or its script ends. Returns the exit status:
// 0, or 1 when the pack or journal cannot be used or a script line failed.
int RunKiosk(const KioskOptions& opts);

} // namespace kiosk
