// The screens: functions of (flow state) that draw with the touch widgets and return
// actions. They hold no state of their own and never touch the journal.
#pragma once
#include "kiosk/flow.hpp"
#include "widgets/theme.hpp"

#include <imgui.h>

#include <vector>

namespace kiosk {

struct ScreenContext {
    const FlowContext* Flow = nullptr;
    const widgets::Theme* Theme = nullptr;
    ImVec2 Display;
    double Now = 0.0;
    // From the enrolment (kiosk/screen_news.cpp): the wijk's public page, for the QR code
    // and the address in words ("" when not enrolled), and the key of the visit's receipt.
    std::string PublicUrl = {};
    std::string ReceiptKey = {};
    // The pack's logo on the GPU (kiosk/logo_texture.cpp) and its size in pixels; none: null.
    ImTextureID Logo = nullptr;
    ImVec2 LogoPixels = {};
};

// Draws the current screen into one full-screen ImGui window (between NewFrame and
// Render) and appends what the resident did to *actions.
void DrawScreen(const ScreenContext& ctx, const FlowState& state, std::vector<Action>* actions);

// "Vraag {n} van {total}" -> "Vraag 2 van 4".
std::string FillTemplate(std::string text, std::string_view key, const std::string& value);

} // namespace kiosk
