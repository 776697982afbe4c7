// The campfire meeting's screens (kiosk/screen_campfire.cpp), for the facilitator and the
// group: set-up, picker, question, agreements, one agreement, summary.
#pragma once
#include "kiosk/screen_parts.hpp"

namespace kiosk {

// Draws the current group screen (or the keyboard, while a text is typed).
void DrawCampfire(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out);

} // namespace kiosk
