// The flow's part for the facilitator: the long press that opens the PIN screen, the
// PIN screen with its growing delays (kiosk/pin.hpp), and the admin screen. Pure like
// the rest of the flow: Step() hands it every AdminAction, and the Ticks of the PIN and
// admin screens and of a long press on the attract screen; the clock is the one Step()
// is given. Its state is FlowState::Admin (kiosk/admin.hpp), plus the screen it is on.
#pragma once
#include "kiosk/flow.hpp"

namespace kiosk {

// Handles an AdminAction: the long press, the PIN and admin screens' taps, and the
// results of the admin effects (PinState, PinChecked, FiguresLoaded).
FlowState StepAdmin(const FlowContext& ctx, FlowState s, const AdminAction& a, double now,
                    std::vector<Effect>* effects);

// A Tick on the PIN or admin screen (the idle time-out, the figures' refresh), or on the
// attract screen when the long press is done (it opens the PIN screen).
FlowState TickAdmin(const FlowContext& ctx, FlowState s, double now, std::vector<Effect>* effects);
// Whether the long press in the attract screen's corner has lasted long enough.
bool LongPressDone(const FlowContext& ctx, const FlowState& s, double now);

// When the PIN or admin screen (or the long press on the attract screen) must next see
// a Tick (absolute, may be infinity).
double AdminDeadline(const FlowContext& ctx, const FlowState& s);

// Seconds the PIN keypad stays locked after wrong PINs (0: it takes a PIN now).
double PinLockedLeft(const FlowState& s, double now);

} // namespace kiosk
