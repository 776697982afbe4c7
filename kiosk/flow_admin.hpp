// The flow's part for protecting the kiosk: the long press that opens the PIN screen,
// the PIN screen with its growing delays, the admin screen, the minimum gap between
// visits and the flag on repeated visits. Pure like the rest of the flow: Step() calls
// StepGuard() first; the clock is the one Step() is given.
#pragma once
#include "kiosk/flow.hpp"

namespace kiosk {

// Handles the facilitator's actions, every action on the PIN and admin screens, the
// long press and the gap between visits. True: *s is the new state and Step returns
// it. False: Step goes on with *s (which may have changed, e.g. a visit's start).
bool StepGuard(const FlowContext& ctx, FlowState* s, const Action& a, double now, std::vector<Effect>* effects);

// The answers of the guard's effects (PinState, PinChecked, AdminLoaded): not a touch,
// so they do not hold off the idle time-out.
bool IsGuardResult(ActionKind kind);

// What of the guard carries over when a visit ends at `now` (EndVisit).
Guard GuardAfterVisit(const FlowContext& ctx, const FlowState& ended, double now);

// Whether answers being committed now are flagged as a repeat of the previous visit.
bool CommitFlagged(const FlowState& s, const std::vector<content::GivenAnswer>& committing);

// The timers of the attract (long press), PIN and admin screens. True and *deadline
// (absolute, may be infinity) for those screens; false for the others.
bool GuardDeadline(const FlowContext& ctx, const FlowState& s, double* deadline);

// Seconds before a new visit may start (0: it may now).
double VisitGapLeft(const FlowState& s, double now);
// Whether the attract screen says why a start tap did nothing.
bool ShowGapMessage(const FlowState& s, double now);
// Seconds the PIN keypad stays locked after wrong PINs (0: it takes a PIN now).
double PinLockedLeft(const FlowState& s, double now);
// Whether a countdown in whole seconds shows, and when its number next changes (the
// main loop draws then; infinity when none shows).
bool CountdownShowing(const FlowState& s, double now);
double NextCountdownChange(const FlowState& s, double now);

} // namespace kiosk
