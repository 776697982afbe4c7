// The facilitator's effects at the edge: the PIN check (a slow hash, off the frame),
// the log of attempts, the admin screen's figures, "Nu synchroniseren", and quitting.
// The flow asks for them (kiosk/flow_admin.cpp); the app owns one of these and runs each
// AdminEffect through RunAdminEffect (kiosk/app_state.hpp), which queues the answers.
#pragma once
#include "kiosk/flow.hpp"
#include "kiosk/opening_hours.hpp"

#include <functional>
#include <future>
#include <vector>

namespace wsync {
class Journal;
class SyncWorker;
} // namespace wsync

namespace kiosk {

struct AdminEffects {
    wsync::Journal* Journal = nullptr;
    wsync::SyncWorker* Sync = nullptr; // null: not enrolled, or --no-sync
    OpeningHours Hours;                // the building's (kiosk/opening_hours.hpp), for the figures
    std::function<void()> Wake;        // called from the checking thread when it is done
    bool QuitChosen = false;           // "Kiosk afsluiten": the app closes

    // Runs one effect; returns the actions it answers with right away.
    std::vector<Action> Run(const AdminEffect& e);
    // A PIN check is running.
    bool Checking() const { return PinCheck.valid(); }
    // When the running check is done (or at once with wait): logs the attempt and
    // returns true with the PinChecked action.
    bool Finish(bool wait, Action* out);

private:
    std::future<bool> PinCheck;
};

} // namespace kiosk
