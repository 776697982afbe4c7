// A campfire meeting's effects at the edge (kiosk/flow_campfire.cpp asks for them): the
// journal's campfire tables, today's date and the enrolled wijk, the folders to export
// to, the CSV. The PNG of the summary needs the frame just drawn: the frame (app.cpp)
// captures it. The app runs each CampfireEffect through RunCampfireEffect
// (kiosk/app_state.hpp), which queues the answers.
#pragma once
#include "kiosk/flow.hpp"

#include <functional>
#include <string>
#include <vector>

namespace wsync {
class Journal;
class SyncWorker;
} // namespace wsync

namespace kiosk {

struct CampfireEffects {
    wsync::Journal* Journal = nullptr;
    wsync::SyncWorker* Sync = nullptr;     // null: not enrolled, or --no-sync
    const FlowContext* Flow = nullptr;
    std::string ExportDir;                 // --export-dir: offered first as a place to save
    std::vector<std::string> UsbRoots = {"/media", "/run/media"};
    std::function<std::string()> Today;    // YYYY-MM-DD, local; the app's clock
    std::function<std::string()> NowIso;   // for started_at, ended_at

    // Runs one effect (not CaptureSummary); returns the actions it answers with.
    std::vector<Action> Run(const CampfireEffect& e, const std::string& lang);
};

} // namespace kiosk
