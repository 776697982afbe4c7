// The facilitator's screens (the PIN keypad and the admin screen) and what the attract
// screen adds for them: the hidden corner and the "one moment" after a visit.
#pragma once
#include "kiosk/screen_parts.hpp"

namespace kiosk {

// On the attract screen: the invisible long-press corner (bottom-left, id admin-corner)
// and, after a start tap in the gap between visits, why nothing happened.
void DrawAttractCorner(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out);
void DrawPin(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out);
void DrawAdmin(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out);

} // namespace kiosk
