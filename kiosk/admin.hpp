// The facilitator's part of the flow state: the long press that opens the PIN screen,
// the PIN screen, the admin screen and its figures. Plain data; kiosk/flow_admin.cpp
// holds the rules, kiosk/pin.hpp the PIN's own, kiosk/admin_effects.cpp the edge.
#pragma once
#include <cstdint>
#include <limits>
#include <string>

namespace kiosk {

// What the admin screen shows. Read from the journal (and the sync worker) by an
// effect; the screen only draws it.
struct AdminFigures {
    bool Loaded = false;
    std::string DeviceId;
    bool Enrolled = false;
    std::string Wijk, StoreUrl;
    int64_t Answers = 0, Waiting = 0;
    int64_t Visits = 0, VisitsFlagged = 0; // visits with an answer; of those, with a flagged one
    std::string LastSync;      // ISO 8601, empty: never
    std::string LastSyncError; // in words, empty: none
    int64_t PinAttempts = 0, PinWrong = 0;
    bool SyncRunning = false;  // a background worker is there (enrolled, sync on)
    std::string OpeningHours;  // DescribeOpeningHours; empty: open all the time
    bool OpenNow = true;       // the building is open now (outside it, the screen goes dark)
};

// Kept across visits (it is not about a resident).
struct AdminState {
    // The long press in the corner of the attract screen.
    bool Holding = false;
    double HoldSince = 0.0;

    // The PIN screen.
    bool PinKnown = false;     // PinSet and Failures came from the journal
    bool PinSet = false;
    std::string PinEntry;      // the digits typed so far (drawn as dots)
    bool Checking = false;     // a check runs at the edge; input waits
    int Failures = 0;          // wrong PINs in a row
    double BlockedUntil = -std::numeric_limits<double>::infinity();
    std::string PinMessage;    // ui key: why the last OK did not open (empty: none)

    // The admin screen.
    AdminFigures Figures;
    double FiguresAt = -std::numeric_limits<double>::infinity();
    std::string AdminMessage;  // ui key: what "Nu synchroniseren" did
    bool QuitChosen = false;
};

} // namespace kiosk
