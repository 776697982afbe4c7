// A kiosk that protects itself (issue 5, part 7): the pure rules behind the admin PIN,
// the long press that opens it, keeping the window, and anti-stuffing. No ImGui, no
// SQLite, no clock: every rule here is a function of its inputs, unit-tested.
#pragma once
#include "content/answer.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace kiosk {

// --- the PIN -------------------------------------------------------------------------

// Seconds a wrong PIN locks the keypad, after `failures` wrong PINs in a row:
//   1st and 2nd: none (a slip of the finger), 3rd: 5 s, 4th: 10 s, 5th: 20 s, then
//   doubling (40, 80, 160) and capped at 300 s (5 minutes) from the 9th on.
// A right PIN resets the count.
double PinDelay(int failures);
constexpr double kPinDelayCap = 300.0;

// A new PIN for `wijkstem set-pin`: 4 to 8 digits and nothing else. False and a
// reason a person understands otherwise.
bool ValidNewPin(const std::string& pin, std::string* why);
constexpr size_t kPinMinDigits = 4;
constexpr size_t kPinMaxDigits = 8;

// --- keeping the window --------------------------------------------------------------

// Whether a close request (Alt+F4, the window manager's close button) may close the
// window: in full screen only after "Kiosk afsluiten"; a development window always.
bool CloseAllowed(bool fullscreen, bool quit_chosen);
// Whether the window must take full screen and focus back: a full-screen kiosk that
// was iconified or lost focus (another program, a key combination).
bool MustRetakeWindow(bool fullscreen, bool focused, bool iconified);

// --- anti-stuffing -------------------------------------------------------------------

// Whether answers about to be committed repeat the previous visit: the previous visit
// ended within the repeat window before this one started (the caller passes its answers
// only then, else an empty list), and this visit's answers so far (given, then
// committing) are the same questions with the same values, in the same order, as the
// start of the previous visit's. Decided once, at commit time; a flag never changes.
bool RepeatsPreviousVisit(const std::vector<content::GivenAnswer>& previous,
                          const std::vector<content::GivenAnswer>& given,
                          const std::vector<content::GivenAnswer>& committing);

// --- what the admin screen shows ------------------------------------------------------

// Read from the journal (and the sync worker) by an effect; the screen only draws it.
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
};

// The flow's own part of the state for all of the above. Kept across visits (it is not
// about a resident): EndVisit carries it over.
struct Guard {
    // Anti-stuffing.
    double NextVisitAt = -std::numeric_limits<double>::infinity(); // no new visit before this
    double GapRefusedAt = -std::numeric_limits<double>::infinity(); // a start tap refused: say why
    double LastVisitEnd = -std::numeric_limits<double>::infinity(); // of the last visit with answers
    std::vector<content::GivenAnswer> LastVisitAnswers; // its answers; only compared, never drawn
    std::vector<content::GivenAnswer> CompareWith;      // this visit: the previous one's, if close enough

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
